import { matchCase } from '../model/terms';
import { mostUsedForm } from '../projectIndex';
import type { Rule } from './rule';

export const termVariant: Rule = {
  id: 'term-variant',
  category: 'terminology',
  summary: 'A participation term is written in more than one way across the documents (opt out / opt-out / optout).',
  defaultSeverity: 'warning',
  fixable: true,
  scope: 'project',
  options: {},
  docs: {
    why:
      'When "opt out" is spelled three ways, readers wonder whether three different things are meant, and over time they are: the inspector general found that "opt out" meant different things at different times. One term, one spelling, one meaning. The preferred form is the one set in the `terms` configuration or, failing that, the form used most across all documents of the run.',
    avoid: 'Jurisdictions may opt-out of notifications. A jurisdiction may optout in writing at any time.',
    prefer: 'Jurisdictions may opt out of notifications. A jurisdiction may opt out in writing at any time.',
    notFlagged: [
      'Inflected forms ("opting out", "opted out") are not compared with the base term.',
      'Terms inside code, quotes, link targets and HTML comments.',
      'Capitalisation: "Opt out" at the start of a sentence is the same form as "opt out".',
      'A hyphenated compound before a noun ("opt-out procedure", "opt-in form"): a modifier is hyphenated by rule, so it is not a variant of the verb "opt out".',
    ],
  },
  check({ model, project, report }) {
    const families = new Map(model.config.terms.map((t) => [(t.preferred ?? t.variants[0] ?? '').toLowerCase(), t]));
    // Looked up once per family and form, not once per usage: a preferred form that is never
    // written would otherwise scan every usage for every finding.
    const relatedCache = new Map<string, ReturnType<typeof project.termLocations>>();
    const relatedFor = (family: string, form: string) => {
      const key = `${family}\0${form}`;
      let r = relatedCache.get(key);
      if (!r) relatedCache.set(key, (r = project.termLocations(family, form, 3, model.uri)));
      return r;
    };
    for (const usage of model.terms) {
      const forms = project.termForms(usage.family);
      const configured = families.get(usage.family)?.preferred?.toLowerCase();
      const preferred = configured ?? mostUsedForm(forms);
      if (!preferred || usage.form === preferred) continue;
      if (!configured && forms.size < 2) continue;
      const written = model.text.slice(usage.start, usage.end);
      // No counts in the message: they would change, and re-publish every document, at each edit.
      const why = configured ? 'the preferred form in this project' : 'the form used most';
      report({
        start: usage.start,
        end: usage.end,
        message: `"${written}" is written "${preferred}" elsewhere, ${why}. Use one form of the term throughout.`,
        fixes: [
          {
            title: `Write "${matchCase(written, preferred)}"`,
            edits: [{ range: model.lines.range(usage.start, usage.end), newText: matchCase(written, preferred) }],
            safe: true,
          },
        ],
        related: relatedFor(usage.family, preferred).map((l) => ({ ...l, message: `Written "${preferred}" here` })),
        fingerprintText: written,
      });
    }
  },
};
