/** Summary rows in the shape `participationSummary` produces (the Secure Communities example), for the client tests. */
import type { SummaryRow } from '../../../client/src/summary/summaryRows';

export const W = 'file:///work/space';
export const range = (line: number, character = 0) => ({ start: { line, character }, end: { line, character: character + 5 } });

export function sampleRows(): SummaryRow[] {
  return [
    {
      key: 'program:secure communities',
      program: 'Secure Communities',
      aspect: 'Secure Communities',
      status: 'contradictory',
      declared: 'mandatory',
      locations: [
        { uri: `${W}/.policylintrc.yaml`, range: range(8, 4), status: 'mandatory', text: 'Secure Communities', evidence: 'registry' },
        { uri: `${W}/outreach.md`, range: range(8), status: 'optional', text: 'Secure Communities', evidence: 'wording' },
      ],
    },
    {
      key: 'program:secure communities::attending calls',
      program: 'Secure Communities',
      aspect: 'Attending quarterly stakeholder calls',
      status: 'optional',
      locations: [{ uri: `${W}/guidance.md`, range: range(23), status: 'optional', text: 'Attending quarterly stakeholder calls', evidence: 'label' }],
    },
    {
      key: 'program:secure communities::fingerprint sharing',
      program: 'Secure Communities',
      aspect: 'Fingerprint sharing',
      status: 'contradictory',
      declared: 'mandatory',
      locations: [
        { uri: `${W}/agreement.md`, range: range(8, 2), status: 'mandatory', text: 'share fingerprints with ICE', evidence: 'label' },
        { uri: `${W}/outreach.md`, range: range(9), status: 'optional', text: 'opt-out of fingerprint sharing', evidence: 'wording' },
      ],
    },
    {
      key: 'program:secure communities::keep a log',
      program: 'Secure Communities',
      aspect: 'keep a log of detainers',
      status: 'unclear',
      locations: [{ uri: `${W}/agreement.md`, range: range(10), status: 'unclear', text: 'keep a log of detainers', evidence: 'wording' }],
    },
    {
      key: '::report <b>',
      program: '',
      aspect: 'report <b>monthly</b>',
      status: 'mandatory',
      locations: [{ uri: `${W}/sub%20dir/other.md`, range: range(2), status: 'mandatory', text: 'report <b>monthly</b>', evidence: 'label' }],
    },
  ];
}
