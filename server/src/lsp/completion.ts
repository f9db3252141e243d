import { CompletionItemKind, type CompletionItem, type CompletionParams, type Range } from 'vscode-languageserver/node';
import type { DocumentModel, Project } from '../engine';
import { currentModel, type FeatureContext } from './context';
import { termDefinition } from './hover';
import { bodyStartLine } from './ignoreComment';

/** Names offered at most; the client filters further as the author types. */
const MAX_NAMES = 300;
const HEADING = /^( {0,3})(#{1,6})([ \t]*)(.*)$/;
/** Before the cursor at a clause start: indentation, quote and list markers, then a partly typed word or label. */
const CLAUSE_START = /^((?:[ \t]*>)*[ \t]*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)(\[?[\p{L}-]*)$/u;
const AFTER_SENTENCE = /[.!?][)"'”’]?[ \t]+(\[?[\p{L}-]*)$/u;
const WORD = /[\p{L}][\p{L}-]*$/u;

/**
 * Completion where an author is likely to want the linter's vocabulary: labels at the
 * start of a clause, section headings of the document's template after `#`, and,
 * anywhere in prose, the preferred participation terms and the program and aspect
 * names the workspace already uses (so they are spelled the same everywhere).
 */
export function completion(ctx: FeatureContext, params: CompletionParams): CompletionItem[] {
  const model = currentModel(ctx, params.textDocument.uri);
  if (!model) return [];
  const { line, character } = params.position;
  if (line < bodyStartLine(model.text)) return [];
  const before = model.lines.lineText(line).slice(0, character);
  const range = (len: number): Range => ({ start: { line, character: character - len }, end: { line, character } });

  const heading = HEADING.exec(before);
  if (heading) {
    const typed = heading[4];
    const prefix = heading[3] ? '' : ' ';
    return headingItems(model).map((h, i) => ({
      ...h,
      sortText: `${h.sortText}${String(i).padStart(3, '0')}`,
      filterText: h.label,
      textEdit: { range: range(typed.length), newText: prefix + h.label },
    }));
  }

  const items: CompletionItem[] = [];
  const start = CLAUSE_START.exec(before) ?? AFTER_SENTENCE.exec(before);
  const fragment = start ? start[start.length - 1] : WORD.exec(before)?.[0] ?? '';
  if (start) {
    for (const [word, status] of labelWords(model)) {
      const text = `[${word}] `;
      items.push({
        label: `[${word}]`,
        kind: CompletionItemKind.Keyword,
        detail: `Participation label: ${status}`,
        documentation: `Marks this clause (and the rest of its paragraph or list item) as ${status} for the participants it addresses.`,
        sortText: `0${status === 'mandatory' ? 0 : 1}${word}`,
        filterText: text,
        textEdit: { range: range(fragment.length), newText: text },
      });
    }
  }
  if (fragment.startsWith('[')) return items;
  for (const t of termItems(model, ctx.host.project)) items.push({ ...t, textEdit: { range: range(fragment.length), newText: t.label } });
  for (const n of nameItems(ctx.host.project)) items.push({ ...n, textEdit: { range: range(fragment.length), newText: n.label } });
  return items;
}

function labelWords(model: DocumentModel): Array<[string, 'mandatory' | 'optional']> {
  return [
    ...model.config.labels.mandatory.map((w) => [w, 'mandatory'] as [string, 'mandatory']),
    ...model.config.labels.optional.map((w) => [w, 'optional'] as [string, 'optional']),
  ];
}

function headingItems(model: DocumentModel): CompletionItem[] {
  const own = model.frontMatter.template ?? model.config.defaultTemplate;
  const templates = own && model.config.templates[own] ? [own] : Object.keys(model.config.templates);
  const present = new Set(model.sections.map((s) => normalise(s.title)));
  const items: CompletionItem[] = [];
  for (const name of templates) {
    for (const section of model.config.templates[name].sections) {
      const has = [section.name, ...(section.aliases ?? [])].some((n) => present.has(normalise(n)));
      items.push({
        label: section.name,
        kind: CompletionItemKind.Module,
        detail: `Section of template "${name}"${has ? ' (already in this document)' : ''}`,
        documentation: section.aliases?.length ? `Also accepted: ${section.aliases.join(', ')}` : undefined,
        sortText: has ? '1' : '0',
      });
    }
  }
  return items;
}

function termItems(model: DocumentModel, project: Project): CompletionItem[] {
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  const families = new Set([...model.config.terms.map((t) => (t.preferred ?? t.variants[0] ?? '').toLowerCase())]);
  for (const family of families) {
    const def = termDefinition(model.config, family);
    const forms = [...project.termForms(family)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const preferred = def?.preferred ?? forms[0]?.[0];
    if (!preferred || seen.has(preferred.toLowerCase())) continue;
    seen.add(preferred.toLowerCase());
    out.push({ label: preferred, kind: CompletionItemKind.Text, detail: 'Participation term (preferred form)', documentation: def?.meaning, sortText: `1${preferred}` });
  }
  return out;
}

/** Programs and aspects named in the registry and in statements, each under its most used wording. */
function nameItems(project: Project): CompletionItem[] {
  const byKey = new Map<string, { names: Map<string, number>; statuses: Set<string>; program: boolean; registry?: string }>();
  const entry = (key: string) => {
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { names: new Map(), statuses: new Set(), program: !key.includes('::') }));
    return e;
  };
  for (const key of project.statementKeys()) {
    const reg = project.registryFor(key);
    if (reg) {
      const e = entry(key);
      e.registry = reg.status;
      e.names.set(reg.name, (e.names.get(reg.name) ?? 0) + 1000);
    }
    for (const s of project.statementsFor(key)) {
      if (s.statement.key !== key) continue;
      const e = entry(key);
      const name = s.statement.aspect.replace(/^(?:the|a|an)\s+/i, '').trim();
      if (name) e.names.set(name, (e.names.get(name) ?? 0) + 1);
      e.statuses.add(s.statement.status);
    }
    if (byKey.size >= MAX_NAMES) break;
  }
  const out: CompletionItem[] = [];
  for (const [key, e] of byKey) {
    const name = [...e.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    if (!name) continue;
    const status = e.registry ? `${e.registry} (registry)` : [...e.statuses].join(' / ');
    out.push({
      label: name,
      kind: e.program ? CompletionItemKind.Module : CompletionItemKind.Field,
      detail: `${e.program ? 'Program' : 'Aspect'}: ${status}`,
      sortText: `2${name}`,
      data: { key },
    });
  }
  return out;
}

function normalise(title: string): string {
  return title.toLowerCase().replace(/[(\[][^)\]]*[)\]]\s*$/, '').replace(/[^a-z0-9]+/g, ' ').trim();
}
