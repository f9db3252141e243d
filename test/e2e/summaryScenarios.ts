/**
 * What the live participation summary must show in the e2e fixture workspace
 * (test/e2e/fixtures/workspace), written from the fixture text: agreement.md:11 says Secure
 * Communities is mandatory, strategic-plan.md:17 says participation is voluntary.
 */
export const SUMMARY_VIEW = {
  title: 'Participation Summary',
  program: 'Secure Communities',
  /** The program-level row is listed first under its program, as this label. */
  contradictory: { label: 'The program as a whole', status: 'Contradictory' },
  places: [
    { label: 'agreement.md:11', file: 'agreement.md', line: 11 },
    { label: 'strategic-plan.md:17', file: 'strategic-plan.md', line: 17 },
  ],
  unclear: { label: 'review the biometric match notifications', status: 'Unclear' },
  /** Editing "voluntary" into "mandatory" ends the contradiction: both places now say mandatory. */
  edit: {
    file: 'strategic-plan.md',
    line: 17,
    before: 'Participation in Secure Communities is voluntary.',
    word: 'voluntary',
    replacement: 'mandatory',
    after: 'Participation in Secure Communities is mandatory.',
    statusAfter: 'Mandatory',
  },
};

/** The matrix: the contradictory row, and the cell a click opens. */
export const MATRIX = {
  title: 'Participation Matrix',
  row: 'The program as a whole',
  /** Cell of agreement.md in that row: mandatory, statement on line 11. */
  cell: { file: 'agreement.md', status: 'mandatory', line: 11 },
};
