import { FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND, PACK_TEMPLATES_NOTIFICATION, SUMMARY_CHANGED_NOTIFICATION, SUMMARY_REQUEST } from '../../server/src/lsp/protocol';

/** Messages and kinds shared with the server: one definition, in the server's protocol module. */
export { FIX_ALL_KIND, PACK_TEMPLATES_NOTIFICATION, SUMMARY_CHANGED_NOTIFICATION, SUMMARY_REQUEST };

/** Command ids, as contributed in package.json (a unit test keeps the two in step). */
export const COMMANDS = {
  fixAll: 'policyLint.fixAll',
  showParticipationSummary: 'policyLint.showParticipationSummary',
  showParticipationMatrix: 'policyLint.showParticipationMatrix',
  refreshParticipationSummary: 'policyLint.refreshParticipationSummary',
  summariseFolder: 'policyLint.summariseFolder',
  summariseWorkspace: 'policyLint.summariseWorkspace',
  openParticipationSummaryMarkdown: 'policyLint.openParticipationSummaryMarkdown',
  openRuleDocs: OPEN_RULE_DOCS_COMMAND,
  restartServer: 'policyLint.restartServer',
  listSnippetPacks: 'policyLint.listSnippetPacks',
  createSnippetPackFromSelection: 'policyLint.createSnippetPackFromSelection',
  validateSnippetPack: 'policyLint.validateSnippetPack',
} as const;

export const STATUS_ITEM_ID = 'policyLint.status';
export const PACK_DIAGNOSTICS = 'policy-lint-packs';
export const OUTPUT_CHANNEL = 'Policy Lint';
