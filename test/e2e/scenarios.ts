/**
 * What a user of the extension must see in the fixture workspace (test/e2e/fixtures/workspace),
 * as data. Two drivers consume it: the Playwright driver of code-server (vscode.test.ts),
 * which checks it in the rendered workbench, and the extension-host suite (electron/), which
 * checks it through the VS Code API. Neovim (neovim.test.ts) reuses the diagnostics part.
 *
 * Lines are 1-based, as the editor shows them. Every expectation here is written from the rule
 * definitions and the fixture text, not copied from a run.
 */
import * as path from 'node:path';

export const FIXTURE_WORKSPACE = path.resolve(__dirname, '..', '..', '..', 'test', 'e2e', 'fixtures', 'workspace');

/** The diagnostic `source` the language server sets. */
export const DIAGNOSTIC_SOURCE = 'policy-lint';

export type RuleId =
  | 'missing-label'
  | 'label-conflict'
  | 'participation-contradiction'
  | 'term-variant'
  | 'missing-section'
  | 'invalid-suppression';

export interface ExpectedDiagnostic {
  /** Path relative to the workspace root, with `/`. */
  file: string;
  rule: RuleId;
  severity: 'error' | 'warning';
  line: number;
  /** Text of that line the diagnostic sits on (a fragment), to find it on screen. */
  lineText: string;
  /** A fragment of the message that only this finding has. */
  message: string;
}

export const POLICY_DOCUMENTS = ['strategic-plan.md', 'agreement.md', 'outreach.md', 'guidance.md'] as const;

/** One of each rule; the contradiction in both documents it spans. draft.md has none. */
export const EXPECTED_DIAGNOSTICS: readonly ExpectedDiagnostic[] = [
  {
    file: 'strategic-plan.md',
    rule: 'missing-label',
    severity: 'warning',
    line: 21,
    lineText: 'Local jurisdictions should review the biometric match notifications',
    message: '"should" leaves it unclear whether this is required of local jurisdictions',
  },
  {
    file: 'strategic-plan.md',
    rule: 'participation-contradiction',
    severity: 'error',
    line: 17,
    lineText: 'Participation in Secure Communities is voluntary.',
    message: 'is optional here but mandatory at agreement.md:11',
  },
  {
    file: 'agreement.md',
    rule: 'participation-contradiction',
    severity: 'error',
    line: 11,
    lineText: 'Secure Communities is mandatory for all local jurisdictions in the state.',
    message: 'is mandatory here but optional at strategic-plan.md:17',
  },
  {
    file: 'agreement.md',
    rule: 'label-conflict',
    severity: 'error',
    line: 15,
    lineText: '[Optional] Local jurisdictions must report the disposition',
    message: '"must" makes this mandatory, but its label says Optional',
  },
  {
    file: 'outreach.md',
    rule: 'term-variant',
    severity: 'warning',
    line: 15,
    lineText: 'may opt-out of the quarterly meeting with the ICE field office',
    message: '"opt-out" is written "opt out" elsewhere',
  },
  {
    file: 'guidance.md',
    rule: 'missing-section',
    severity: 'warning',
    line: 5,
    lineText: 'template: guidance',
    message: 'requires a "Lessons learned" section',
  },
  {
    file: 'guidance.md',
    rule: 'invalid-suppression',
    severity: 'warning',
    line: 25,
    lineText: '<!-- policy-lint-disable-next-line missing-label -->',
    message: 'Give a reason after `--`',
  },
];

export function diagnosticsIn(file: string): ExpectedDiagnostic[] {
  return EXPECTED_DIAGNOSTICS.filter((d) => d.file === file);
}

/** The quick fix a user applies from the light bulb, and what the line reads afterwards. */
export const QUICK_FIX = {
  file: 'strategic-plan.md',
  line: 21,
  rule: 'missing-label' as RuleId,
  title: 'Label as [Mandatory]',
  otherTitles: ['Label as [Optional]'],
  before: 'Local jurisdictions should review the biometric match notifications within 48 hours.',
  after: '[Mandatory] Local jurisdictions should review the biometric match notifications within 48 hours.',
};

/**
 * Hover on a participation term that carries no diagnostic, so what shows is the language
 * server's hover, not a problem message: the term's meaning from the default configuration.
 */
export const HOVER = {
  file: 'outreach.md',
  line: 11,
  word: 'opt out',
  expect: ['A participant declines to take part in a program or aspect that is optional for it', 'Preferred form: "opt out"'],
};

/** Scratch document (no findings) where snippets are typed. */
export const SNIPPET_DOCUMENT = 'draft.md';

/** A built-in snippet (snippets/policy.code-snippets) inserted by its prefix: the lines it must write. */
export const BUILTIN_SNIPPET = {
  prefix: 'policy-optional',
  /** Lines from the insertion point on, with the placeholders' default text. */
  insertedLines: [
    '## Optional aspects',
    '',
    '[Optional] Participating jurisdictions may choose whether to take part in each aspect in this section.',
  ],
};

/**
 * A built-in snippet with a `${n|Mandatory,Optional|}` choice: after Tab reaches it, the editor
 * offers both labels, and the one picked is written into the table row.
 */
export const CHOICE_SNIPPET = {
  prefix: 'policy-summary-table',
  choices: ['Mandatory', 'Optional'],
  pick: 'Optional',
  /** The row the choice sits in, after picking. */
  rowAfterPick: '| Fingerprint submission at booking | Optional | All participating jurisdictions | Mandatory aspects |',
};

/** A snippet from the workspace's team pack (.policy-packs/team). */
export const TEAM_SNIPPET = {
  pack: '.policy-packs/team/policy-pack.json',
  prefix: 'team-oversight-contact',
  inserted: '[Optional] Local jurisdictions may direct questions about participation to the Secure Communities program office.',
};

/** The malformed pack: reported, naming its file, while the team pack still works. */
export const BROKEN_PACK = {
  file: '.policy-packs/broken/policy-pack.json',
  fileName: 'policy-pack.json',
  folder: 'broken',
};

/**
 * The status bar item of the extension for the active policy document: it counts unlabelled
 * clauses first, then all findings.
 */
export const STATUS_BAR = {
  /** DOM id VS Code gives an extension's status bar item contains the item id. */
  idFragment: 'policyLint.status',
  file: 'strategic-plan.md',
  /** One missing-label in strategic-plan.md. */
  text: '1 unlabelled',
  /** After the quick fix labels it, the contradiction is left. */
  textAfterFix: 'Policy Lint: 1 problem',
};
