import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { Clause, DocumentModel, ParticipationStatement, PolicyLintConfig, Project } from '../engine';
import { currentModel, type FeatureContext } from './context';
import { shortName } from './diagnostics';

/** Places listed in a hover before "and N more". */
const MAX_PLACES = 12;

/**
 * Hover explains what the linter sees: a participation term (its meaning and the forms
 * in use), a label (what it covers), and a participation statement (where else the
 * same program or aspect is described, with what status, and what the registry says).
 */
export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const model = currentModel(ctx, params.textDocument.uri);
  if (!model) return null;
  const offset = model.lines.offsetAt(params.position);
  const project = ctx.host.project;
  const reply = (value: string, start: number, end: number): Hover => ({
    contents: ctx.client.markdownHover ? { kind: MarkupKind.Markdown, value } : { kind: MarkupKind.PlainText, value: value.replace(/\*\*/g, '').replace(/\\(.)/g, '$1') },
    range: model.lines.range(start, end),
  });

  const term = model.terms.find((t) => offset >= t.start && offset < t.end);
  if (term) return reply(termHover(model, project, term.family, model.text.slice(term.start, term.end)), term.start, term.end);

  const label = labelAt(model, offset);
  if (label) return reply(labelHover(model, label), label.start, label.end);

  const statements = statementsAt(model, offset);
  if (statements.length) {
    const start = Math.min(...statements.map((s) => s.start));
    const end = Math.max(...statements.map((s) => s.end));
    return reply(statements.map((s) => statementHover(model, project, s)).join('\n\n---\n\n'), start, end);
  }
  return null;
}

function termHover(model: DocumentModel, project: Project, family: string, written: string): string {
  const def = termDefinition(model.config, family);
  const forms = [...project.termForms(family)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const configured = def?.preferred?.toLowerCase();
  const preferred = configured ?? forms[0]?.[0];
  const lines = [`**${md(written)}**: participation term`];
  if (def?.meaning) lines.push('', md(def.meaning));
  if (preferred) lines.push('', `Preferred form: "${md(preferred)}" (${configured ? 'set in the configuration' : 'the form used most in the workspace'})`);
  if (forms.length) lines.push('', `Forms used in the workspace: ${forms.map(([f, n]) => `"${md(f)}" ×${n}`).join(', ')}`);
  return lines.join('\n');
}

export function termDefinition(config: PolicyLintConfig, family: string) {
  return config.terms.find((t) => (t.preferred ?? t.variants[0] ?? '').toLowerCase() === family);
}

interface LabelHit {
  status: 'mandatory' | 'optional';
  start: number;
  end: number;
  kind: 'inline' | 'section' | 'table';
}

function labelAt(model: DocumentModel, offset: number): LabelHit | undefined {
  for (const s of model.sections) if (s.label && offset >= s.label.start && offset < s.label.end) return { ...s.label, kind: 'section' };
  for (const c of model.clauses) {
    if (c.inlineLabel && offset >= c.inlineLabel.start && offset < c.inlineLabel.end) return { ...c.inlineLabel, kind: 'inline' };
    if (c.label?.source === 'table' && offset >= c.label.start && offset < c.label.end) return { status: c.label.status, start: c.label.start, end: c.label.end, kind: 'table' };
  }
  return undefined;
}

function labelHover(model: DocumentModel, label: LabelHit): string {
  const word = model.text.slice(label.start, label.end).replace(/[[\]*_():]/g, '').trim();
  const covered = model.clauses.filter((c) => c.label && c.label.start === label.start);
  const what = label.status === 'mandatory' ? 'required of every participant it addresses' : 'optional: participants may choose whether to do it';
  const lines = [`**${md(word)}**: participation label (${label.status})`, '', `Marks what it covers as ${what}.`, '', `Covers ${scope(model, label, covered)}.`];
  const normative = covered.filter((c) => c.primary);
  if (covered.length) {
    const from = model.lines.positionAt(Math.min(...covered.map((c) => c.start))).line + 1;
    const to = model.lines.positionAt(Math.max(...covered.map((c) => c.end))).line + 1;
    lines.push('', `${covered.length} clause${covered.length === 1 ? '' : 's'} (${normative.length} normative), ${from === to ? `line ${from}` : `lines ${from}–${to}`}.`);
  }
  return lines.join('\n');
}

function scope(model: DocumentModel, label: LabelHit, covered: Clause[]): string {
  if (label.kind === 'section') {
    const section = model.sections.find((s) => s.label?.start === label.start);
    return section ? `the section "${md(section.title)}" and its subsections, except those with their own label` : 'its section';
  }
  if (label.kind === 'table') return 'this table row';
  const own = covered.find((c) => c.inlineLabel?.start === label.start);
  if (!own) return 'this clause';
  if (own.block.listItemStart && covered.some((c) => c.label?.source === 'list-item' || c.block.listPath.length > own.block.listPath.length)) return 'this list item and the items nested under it';
  if (own.block.listItemStart && own.block.listPath.length) return 'this list item';
  if (covered.some((c) => c.label?.source === 'paragraph')) return 'this paragraph';
  return 'this clause';
}

/** Statements under the cursor, or those of the clause under it. */
function statementsAt(model: DocumentModel, offset: number): ParticipationStatement[] {
  const direct = model.statements.filter((s) => offset >= s.start && offset < s.end);
  if (direct.length) return dedupe(direct);
  const clause = model.clauses.find((c) => offset >= c.start && offset < c.end);
  if (!clause) return [];
  return dedupe(model.statements.filter((s) => s.start < clause.end && s.end > clause.start));
}

function dedupe(list: ParticipationStatement[]): ParticipationStatement[] {
  const seen = new Set<string>();
  return list.filter((s) => !seen.has(s.key) && seen.add(s.key));
}

function statementHover(model: DocumentModel, project: Project, st: ParticipationStatement): string {
  const lines = [`**${md(st.aspect)}**: ${st.status} here (${st.evidence === 'label' ? 'from its label' : 'from its wording'})`];
  const registry = project.registryFor(st.key);
  if (registry) {
    const where = registry.location ? ` in [${shortName(registry.location.uri)}:${registry.location.range.start.line + 1}](${link(registry.location.uri, registry.location.range.start.line)})` : '';
    const agrees = registry.status === st.status ? 'agrees' : '**disagrees**';
    lines.push('', `Registry: "${md(registry.name)}" is declared ${registry.status}${where} (${agrees}).`);
  }
  const others = [...project.statementsFor(st.key)].filter((o) => !(o.uri === model.uri && o.statement.start === st.start));
  if (!others.length) {
    lines.push('', 'Not described anywhere else in the workspace.');
    return lines.join('\n');
  }
  const differ = others.filter((o) => o.statement.status !== st.status).length;
  lines.push('', `Also described in ${others.length} other place${others.length === 1 ? '' : 's'}${differ ? `, ${differ} with a different status` : ''}:`, '');
  for (const o of others.slice(0, MAX_PLACES)) {
    const line = o.model.lines.positionAt(o.statement.start).line;
    const mark = o.statement.status === st.status ? '' : ' ⚠';
    lines.push(`- ${o.statement.status}${mark}: [${shortName(o.uri)}:${line + 1}](${link(o.uri, line)}) "${md(o.statement.aspect)}"`);
  }
  if (others.length > MAX_PLACES) lines.push(`- and ${others.length - MAX_PLACES} more`);
  return lines.join('\n');
}

/** The author's words as Markdown text: characters that would make links, emphasis or HTML are escaped. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/** A link that opens the document at a line, as VS Code reads `#L<line>` fragments. */
export function link(uri: string, line: number): string {
  return `${uri.replace(/#.*$/, '')}#L${line + 1}`;
}
