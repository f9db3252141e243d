import type { ParticipationStatus } from '../types';
import type { Rule } from './rule';

const SOURCE_NAME = {
  inline: 'its label',
  paragraph: 'the label at the start of the paragraph',
  'list-item': 'the label of its list item',
  table: 'the Participation column of its row',
  section: 'the label of its section',
} as const;

export const labelConflict: Rule = {
  id: 'label-conflict',
  category: 'labels',
  summary: "A clause's Mandatory/Optional label contradicts its own wording.",
  defaultSeverity: 'error',
  fixable: true,
  scope: 'document',
  options: {},
  docs: {
    why:
      'A clause labelled [Optional] that says "must", or one labelled [Mandatory] that says "may choose to", tells the reader two things at once. Whichever one they believe, someone will be surprised later: this is how "voluntary" programs come to be described as mandatory.',
    avoid: '[Optional] Local jurisdictions must share booking data with ICE.',
    prefer: '[Optional] Local jurisdictions may share booking data with ICE.',
    notFlagged: [
      'Conditional obligations inside optional aspects ("[Optional] States that choose to participate must sign an agreement"): the obligation binds only those who opt in.',
      'Prohibitions ("may not", "must not") under a [Mandatory] label: a prohibition is a requirement.',
      'Ambiguous modals ("should", "will"): the label is what resolves them.',
      "Modals whose subject is the issuer (\"The Department may audit…\").",
    ],
  },
  check({ model, report }) {
    const wording = model.statements.filter((s) => s.evidence === 'wording').sort((a, b) => a.start - b.start);
    let w = 0;
    for (const clause of model.clauses) {
      const label = clause.label;
      while (w < wording.length && wording[w].start < clause.start) w++;
      if (!label) continue;
      // "Participation in X is voluntary" under a [Mandatory] label.
      let stated: (typeof wording)[number] | undefined;
      for (let k = w; k < wording.length && wording[k].start < clause.end; k++) {
        if (wording[k].status !== label.status) {
          stated = wording[k];
          break;
        }
      }
      if (stated) {
        const labelWord = label.status === 'mandatory' ? 'Mandatory' : 'Optional';
        report({
          start: stated.start,
          end: stated.end,
          message: `This says "${stated.aspect}" is ${stated.status}, but ${SOURCE_NAME[label.source]} says ${labelWord}. Change the wording or the label so they agree.`,
          related: [{ uri: model.uri, range: model.lines.range(label.start, label.end), message: `Labelled ${labelWord} here` }],
          fingerprintText: clause.text,
        });
        continue;
      }
      for (const m of clause.modals) {
        if (m.conditional || m.subject === 'issuer' || m.subject === 'other') continue;
        const says: ParticipationStatus | undefined =
          m.force === 'obligation' ? 'mandatory' : m.force === 'permission' ? 'optional' : undefined;
        if (!says || says === label.status) continue;
        const labelWord = label.status === 'mandatory' ? 'Mandatory' : 'Optional';
        const fixes = [];
        if (label.source === 'inline') {
          const word = (says === 'mandatory' ? model.config.labels.mandatory[0] : model.config.labels.optional[0]) ?? labelWord;
          const labelText = model.text.slice(label.start, label.end);
          const inner = labelText.match(new RegExp(model.vocabulary.labelWord, 'i'));
          if (inner?.index !== undefined) {
            const s = label.start + inner.index;
            fixes.push({
              title: `Change the label to ${word} (what "${m.phrase}" says)`,
              edits: [{ range: model.lines.range(s, s + inner[0].length), newText: word }],
              safe: false,
            });
          }
        }
        report({
          start: clause.start + m.start,
          end: clause.start + m.end,
          message: `"${m.phrase}" makes this ${says}, but ${SOURCE_NAME[label.source]} says ${labelWord}. Change the wording or the label so they agree.`,
          fixes,
          related: [{ uri: model.uri, range: model.lines.range(label.start, label.end), message: `Labelled ${labelWord} here` }],
          fingerprintText: clause.text,
        });
        break;
      }
    }
  },
};
