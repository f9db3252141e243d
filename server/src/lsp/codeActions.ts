import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { RULES_BY_ID, type DocumentModel, type Finding, type Range } from '../engine';
import { currentModel, type FeatureContext } from './context';
import { findingToDiagnostic } from './diagnostics';
import { ignoreEdit, snippetEscape } from './ignoreComment';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, OPEN_RULE_DOCS_COMMAND, type DiagnosticData } from './protocol';

/**
 * Quick fixes for the findings under the cursor (the rule's own fixes, "fix all" for
 * the rule, "ignore this finding", "show documentation"), and `source.fixAll.policyLint`
 * for every safe fix in the file. Edits come from the findings of the current text, not
 * from the diagnostics' copy, so a fix never lands on text that has moved.
 */
export function codeActions(ctx: FeatureContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const model = currentModel(ctx, uri);
  if (!model || !ctx.config.settingsFor(uri).enable) return [];
  const version = ctx.host.openDocument(uri)?.version;
  const findings = ctx.host.project.findings(uri);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const targets = matchDiagnostics(ctx, params, findings, version);
    const docsShown = new Set<string>();
    const fixAllShown = new Set<string>();
    for (const { finding, diagnostic } of targets) {
      const fixes = finding.fixes;
      const preferred = fixes.findIndex((f) => f.safe);
      fixes.forEach((fix, i) => {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === preferred || undefined, edit: workspaceEdit(ctx, uri, version, fix.edits) });
      });
      const sameRule = findings.filter((f) => f.ruleId === finding.ruleId && f.fixes.some((x) => x.safe));
      if (sameRule.length > 1 && !fixAllShown.has(finding.ruleId)) {
        fixAllShown.add(finding.ruleId);
        const edits = nonOverlapping(sameRule.map((f) => f.fixes.find((x) => x.safe)!.edits).flat());
        actions.push({ title: `Fix all ${finding.ruleId} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(ctx, uri, version, edits) });
      }
      actions.push(ignoreAction(ctx, model, uri, version, finding, diagnostic));
      if (!docsShown.has(finding.ruleId)) {
        docsShown.add(finding.ruleId);
        const title = `Show documentation for ${finding.ruleId}`;
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: OPEN_RULE_DOCS_COMMAND, arguments: [finding.ruleId] } });
      }
    }
  }

  if (only && wants(FIX_ALL_KIND)) {
    const edits = nonOverlapping(findings.flatMap((f) => f.fixes.find((x) => x.safe)?.edits ?? []));
    if (edits.length) actions.push({ title: 'Fix all auto-fixable Policy Lint problems', kind: FIX_ALL_KIND, edit: workspaceEdit(ctx, uri, version, edits) });
  }
  return actions;
}

/**
 * Pairs the diagnostics the client sent with current findings: by fingerprint and range,
 * then by fingerprint (the text moved), then by rule and range. A diagnostic that
 * matches nothing is stale and gets no action. A client that sends no diagnostics gets
 * the findings under the requested range.
 */
function matchDiagnostics(ctx: FeatureContext, params: CodeActionParams, findings: Finding[], version: number | undefined) {
  const out: Array<{ finding: Finding; diagnostic: Diagnostic }> = [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && RULES_BY_ID.has(d.code));
  if (!params.context.diagnostics.length) {
    const settings = ctx.config.settingsFor(params.textDocument.uri);
    const options = { docLink: (id: string) => ctx.docLinks.link(id, settings.docsBaseUrl), relatedInformation: ctx.client.relatedInformation, version };
    for (const f of findings) if (intersects(f.range, params.range)) out.push({ finding: f, diagnostic: findingToDiagnostic(f, options) });
    return out;
  }
  for (const d of ours) {
    const fp = (d.data as DiagnosticData | undefined)?.fingerprint;
    const finding =
      findings.find((f) => f.fingerprint === fp && f.ruleId === d.code && sameRange(f.range, d.range)) ??
      findings.find((f) => f.fingerprint === fp && f.ruleId === d.code) ??
      findings.find((f) => f.ruleId === d.code && sameRange(f.range, d.range));
    if (finding && !out.some((o) => o.finding === finding)) out.push({ finding, diagnostic: d });
  }
  return out;
}

function ignoreAction(ctx: FeatureContext, model: DocumentModel, uri: string, version: number | undefined, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const e = ignoreEdit(model, finding);
  const title = e.title === 'Ignore this finding' ? `Ignore this finding (${finding.ruleId})` : e.title;
  let edit: WorkspaceEdit;
  if (ctx.client.snippetEdits && ctx.client.documentChanges) {
    const snippet = `${snippetEscape(e.before)}\${1:${e.reason}}${snippetEscape(e.after)}`;
    edit = { documentChanges: [{ textDocument: { uri, version: version ?? null }, edits: [{ range: e.range, snippet: { kind: 'snippet', value: snippet } }] }] };
  } else {
    edit = workspaceEdit(ctx, uri, version, [{ range: e.range, newText: e.before + e.reason + e.after }]);
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function workspaceEdit(ctx: FeatureContext, uri: string, version: number | undefined, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.client.documentChanges) return { documentChanges: [{ textDocument: { uri, version: version ?? null }, edits }] };
  return { changes: { [uri]: edits } };
}

/** Edits a client can apply together: overlapping ones and a second insertion at one point are dropped, as the engine's applyEdits does. */
export function nonOverlapping(edits: TextEdit[]): TextEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => cmp(a.e.range.start, b.e.range.start) || cmp(a.e.range.end, b.e.range.end) || a.i - b.i);
  const kept: TextEdit[] = [];
  for (const { e } of sorted) {
    const prev = kept[kept.length - 1];
    if (prev) {
      if (cmp(e.range.start, prev.range.end) < 0) continue;
      const isInsert = (x: TextEdit) => cmp(x.range.start, x.range.end) === 0;
      if (isInsert(e) && isInsert(prev) && cmp(e.range.start, prev.range.start) === 0) continue;
    }
    kept.push(e);
  }
  return kept;
}

type Pos = Range['start'];
function cmp(a: Pos, b: Pos): number {
  return a.line - b.line || a.character - b.character;
}

function sameRange(a: Range, b: Range): boolean {
  return cmp(a.start, b.start) === 0 && cmp(a.end, b.end) === 0;
}

function intersects(a: Range, b: Range): boolean {
  return cmp(a.start, b.end) <= 0 && cmp(b.start, a.end) <= 0;
}
