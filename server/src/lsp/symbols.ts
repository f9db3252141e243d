import {
  SymbolKind,
  type CancellationToken,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbol,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { Clause, DocumentModel, ParticipationStatement, Section } from '../engine';
import { currentModel, type FeatureContext } from './context';

const MAX_WORKSPACE_SYMBOLS = 1000;
const NAME_LENGTH = 60;

/**
 * The outline: sections nested by heading level, and under each the labelled clauses
 * and the aspects given a status by a label (list items under "Optional aspects", table
 * rows with a Participation column), with the status in `detail`.
 */
export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] {
  const model = currentModel(ctx, params.textDocument.uri);
  if (!model) return [];
  const roots: DocumentSymbol[] = [];
  const bySection = new Map<Section, DocumentSymbol>();
  for (const s of model.sections) {
    const sym: DocumentSymbol = {
      name: s.title || '(untitled section)',
      detail: s.label ? capital(s.label.status) : s.informative ? 'informative' : undefined,
      kind: SymbolKind.Namespace,
      range: model.lines.range(model.lines.lineStarts[s.line] ?? s.start, Math.max(s.end, trimEnd(model.text, sectionEnd(model, s)))),
      selectionRange: model.lines.range(s.start, s.end),
      children: [],
    };
    bySection.set(s, sym);
    (s.parent ? bySection.get(s.parent)!.children! : roots).push(sym);
  }
  for (const item of labelledItems(model)) {
    const parent = item.clause.section ? bySection.get(item.clause.section) : undefined;
    const range = model.lines.range(item.clause.start, item.clause.end);
    const sym: DocumentSymbol = {
      name: item.name,
      detail: capital(item.status),
      kind: item.statement ? SymbolKind.Field : SymbolKind.Key,
      range,
      selectionRange: item.clause.inlineLabel ? model.lines.range(item.clause.inlineLabel.start, item.clause.inlineLabel.end) : range,
    };
    (parent ? parent.children! : roots).push(sym);
  }
  if (!ctx.client.hierarchicalSymbols) return flatten(roots, params.textDocument.uri);
  return roots;
}

interface LabelledItem {
  clause: Clause;
  name: string;
  status: 'mandatory' | 'optional';
  statement?: ParticipationStatement;
}

function labelledItems(model: DocumentModel): LabelledItem[] {
  const out: LabelledItem[] = [];
  for (const clause of model.clauses) {
    if (!clause.label) continue;
    const statement = model.statements.find((s) => s.evidence === 'label' && s.start >= clause.start && s.start < clause.end);
    if (!clause.inlineLabel && !statement) continue;
    const body = clause.inlineLabel ? model.text.slice(clause.inlineLabel.end, clause.end) : model.text.slice(clause.start, clause.end);
    const name = statement?.aspect ?? body;
    out.push({ clause, name: shorten(name) || '(empty clause)', status: statement?.status ?? clause.label.status, statement });
  }
  return out;
}

/**
 * Programs and aspects of the whole workspace, one symbol per place that gives one a
 * status, plus the registry's declarations; filtered by the query (characters in order,
 * ignoring case, as editors match symbol names).
 */
export function workspaceSymbols(ctx: FeatureContext, params: WorkspaceSymbolParams, token: CancellationToken): WorkspaceSymbol[] {
  const project = ctx.host.project;
  const matches = fuzzy(params.query);
  const out: WorkspaceSymbol[] = [];
  for (const uri of project.uris()) {
    if (token.isCancellationRequested || out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    const model = project.model(uri);
    for (const st of model?.statements ?? []) {
      const name = st.aspect.replace(/^(?:the|a|an)\s+/i, '').trim();
      if (!name || !matches(name)) continue;
      out.push({
        name,
        kind: st.key.includes('::') ? SymbolKind.Field : SymbolKind.Module,
        containerName: `${st.status}${programName(ctx, st.key)}`,
        location: { uri, range: model!.lines.range(st.start, st.end) },
      });
    }
  }
  for (const key of project.statementKeys()) {
    if (token.isCancellationRequested || out.length >= MAX_WORKSPACE_SYMBOLS) break;
    const reg = project.registryFor(key);
    if (!reg?.location || !matches(reg.name)) continue;
    out.push({
      name: reg.name,
      kind: key.includes('::') ? SymbolKind.Field : SymbolKind.Module,
      containerName: `${reg.status} (registry)${programName(ctx, key)}`,
      location: { uri: reg.location.uri, range: reg.location.range },
    });
  }
  return out;
}

function programName(ctx: FeatureContext, key: string): string {
  const sep = key.indexOf('::');
  if (sep <= 0) return '';
  const program = key.slice(0, sep);
  return ` · ${ctx.host.project.registryFor(program)?.name ?? program.replace(/^program:/, '')}`;
}

function fuzzy(query: string): (name: string) => boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return () => true;
  return (name) => {
    const n = name.toLowerCase();
    let i = 0;
    for (let j = 0; j < n.length && i < q.length; j++) if (n[j] === q[i]) i++;
    return i === q.length;
  };
}

function flatten(symbols: DocumentSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, containerName: container },
    ...flatten(s.children ?? [], uri, s.name),
  ]);
}

function shorten(text: string): string {
  const t = text.replace(/\s+/g, ' ').replace(/^[-*+]\s+|^\d+[.)]\s+/, '').trim();
  return t.length > NAME_LENGTH ? `${t.slice(0, NAME_LENGTH - 1)}…` : t;
}

function capital(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Where a section's content ends: the start of the next heading's line (contentEnd is the offset of that heading's text). */
function sectionEnd(model: DocumentModel, s: Section): number {
  if (s.contentEnd >= model.text.length) return model.text.length;
  return model.lines.lineStarts[model.lines.positionAt(s.contentEnd).line];
}

/** Section ranges end at the last non-blank character, so the outline does not claim trailing blank lines. */
function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1])) e--;
  return e;
}
