import type { Rule } from './rule';
import { cleanHeading } from '../model/labels';

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
    const headings = model.sections.map((s) => normalise(s.title));
    const end = model.lines.positionAt(model.text.length);
    const needsNewline = model.text.length > 0 && !/\n\s*$/.test(model.text);
    for (const section of template.sections) {
      const names = [section.name, ...(section.aliases ?? [])].map(normalise);
      if (headings.some((h) => names.some((n) => h === n || h.startsWith(n + ' ')))) continue;
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
