/** Command ids, as contributed in package.json (a unit test keeps the two in step). */
export const COMMANDS = {
  fixAll: 'policyLint.fixAll',
  showParticipationSummary: 'policyLint.showParticipationSummary',
  openRuleDocs: 'policyLint.openRuleDocs',
  restartServer: 'policyLint.restartServer',
  listSnippetPacks: 'policyLint.listSnippetPacks',
  createSnippetPackFromSelection: 'policyLint.createSnippetPackFromSelection',
  validateSnippetPack: 'policyLint.validateSnippetPack',
} as const;

/** Code action kind of the server's "fix all safe problems". */
export const FIX_ALL_KIND = 'source.fixAll.policyLint';
/** Notification telling the server the section templates snippet packs define. */
export const PACK_TEMPLATES_NOTIFICATION = 'policyLint/packTemplates';
/** Request for the participation summary (answered by servers that implement it). */
export const SUMMARY_REQUEST = 'policyLint/summary';
export const STATUS_ITEM_ID = 'policyLint.status';
export const PACK_DIAGNOSTICS = 'policy-lint-packs';
export const OUTPUT_CHANNEL = 'Policy Lint';
