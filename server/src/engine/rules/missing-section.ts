import type { Rule } from './rule';
import { cleanHeading } from '../model/labels';
import { flatCopy } from '../text';

export const missingSection: Rule = {
  id: 'missing-section',
  category: 'structure',
  summary: "A document lacks a section its template requires (for example Intent, Mandatory aspects, Optional aspects).",
  defaultSeverity: 'warning',
  fixable: true,
  scope: 'document',
  options: {},
  docs: {
    why:
      'The inspector general recommended guidance that states the program\'s intent and specifies which aspects are optional, with protocols for oversight and a lessons-learned plan. A template names the sections such guidance must have, so that no document ships without saying what is mandatory and what is optional. A document picks its template with `template:` in front matter; `defaultTemplate` in the configuration applies one to every document.',
    avoid: '---\ntemplate: guidance\n---\n# Secure Communities guidance\n## Intent\n…\n## Mandatory aspects\n…',
    prefer: '---\ntemplate: guidance\n---\n# Secure Communities guidance\n## Intent\n…\n## Mandatory aspects\n…\n## Optional aspects\n…\n## Opt-out procedure\n…\n## Oversight\n…\n## Lessons learned\n…',
    notFlagged: [
      'Documents with no template (neither `template:` in front matter nor `defaultTemplate`).',
      'Headings are matched ignoring case, numbering ("2.1"), emphasis and a trailing label, and a heading that starts with the section name counts ("Mandatory aspects of Secure Communities").',
    ],
  },
  check({ model, config, report }) {
    const name = model.frontMatter.template ?? config.defaultTemplate;
    if (!name) return;
    const keyAt = templateKeyOffset(model.text);
    const at = keyAt ?? 0;
    const lineEnd = model.lines.lineEnd(model.lines.positionAt(at).line);
    const template = config.templates[name];
    if (!template) {
      const known = Object.keys(config.templates);
      report({
        start: at,
        end: lineEnd,
        message: `Template "${name}" is not defined. ${known.length ? `Known templates: ${known.join(', ')}.` : 'Define it under `templates` in the configuration or in a snippet pack.'}`,
        fingerprintText: `template:${name}`,
      });
      return;
    }
    const headings = new Set(model.sections.map((s) => normalisedTitle(s.title)));
    const end = model.lines.positionAt(model.text.length);
    const needsNewline = model.text.length > 0 && !endsWithNewline(model.text);
    for (const section of template.sections) {
      const names = [section.name, ...(section.aliases ?? [])].map(normalise);
      if (names.some((n) => headings.has(n)) || [...headings].some((h) => names.some((n) => h.startsWith(n + ' ')))) continue;
      report({
        start: at,
        end: lineEnd,
        message: `Template "${name}" requires a "${section.name}" section, and this document has none.`,
        fixes: [
          {
            title: `Add a "${section.name}" section at the end`,
            edits: [{ range: { start: end, end }, newText: `${needsNewline ? '\n' : ''}\n## ${section.name}\n\n` }],
            safe: false,
          },
        ],
        fingerprintText: `section:${section.name}`,
      });
    }
  },
};

/**
 * Headings as matched, by title: a long document is checked at every keystroke, and its
 * headings rarely change. Bounded, so a long session does not grow it for ever.
 */
const normalisedTitles = new Map<string, string>();

function normalisedTitle(title: string): string {
  let n = normalisedTitles.get(title);
  if (n === undefined) {
    if (normalisedTitles.size >= 10_000) normalisedTitles.clear();
    n = normalise(title);
    normalisedTitles.set(flatCopy(title), n);
  }
  return n;
}

/** Like /\n\s*$/.test(text), from the end: the regex would try every position of a long document. */
function endsWithNewline(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (!/\s/.test(text[i])) return false;
  }
  return false;
}

function normalise(title: string): string {
  return cleanHeading(title)
    .toLowerCase()
    .replace(/[(\[][^)\]]*[)\]]\s*$/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Offset of `template:` in front matter, so the finding points at the line that chose the template. */
function templateKeyOffset(text: string): number | undefined {
  if (!/^\uFEFF?---/.test(text)) return undefined;
  const close = text.indexOf('\n---', 3);
  const fm = close > 0 ? text.slice(0, close) : '';
  const m = /^template\s*:/m.exec(fm);
  return m ? m.index : undefined;
}
