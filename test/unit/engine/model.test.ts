import * as assert from 'node:assert/strict';
import { Project, applyEdits, safeEdits } from '../../../server/src/engine';

function model(text: string) {
  const p = new Project();
  return p.upsert('file:///doc.md', text).model;
}

describe('document model', () => {
  it('blanks non-prose but keeps every offset', () => {
    const text = '# T\n\nStates `must` see [the site](https://x.gov/must "may") <b>now</b> <!-- must -->.\n\n> must\n\n```\nmust\n```\n';
    const m = model(text);
    assert.equal(m.prose.length, text.length);
    assert.doesNotMatch(m.prose, /must|may|https/);
    assert.equal(m.prose.indexOf('the site'), text.indexOf('the site'));
  });

  it('splits sentences but not at abbreviations or initials', () => {
    const m = model('# T\n\nStates, e.g. Texas, must act under 5 U.S.C. 552 promptly. Counties may help. J. Smith will decide.\n');
    assert.deepEqual(
      m.clauses.map((c) => c.text),
      ['States, e.g. Texas, must act under 5 U.S.C. 552 promptly.', 'Counties may help.', 'J. Smith will decide.'],
    );
  });

  it('reads labels inline, from list items, sections and tables', () => {
    const text = [
      '# T', '', '- [Optional] States may join.', '  - Counties must then sign.', '', '## Reporting (Mandatory)', '', 'States must report.',
      '', '| Aspect | Participation |', '| --- | --- |', '| Data sharing | Optional |', '',
    ].join('\n');
    const m = model(text);
    const byText = new Map(m.clauses.map((c) => [c.text.replace(/^\[Optional\] /, ''), c.label]));
    assert.equal(byText.get('States may join.')?.source, 'inline');
    assert.equal(byText.get('Counties must then sign.')?.source, 'list-item');
    assert.equal(byText.get('States must report.')?.source, 'section');
    assert.equal(byText.get('Data sharing')?.source, 'table');
    assert.equal(byText.get('Data sharing')?.status, 'optional');
  });

  it('tells participants, the issuer and descriptions apart', () => {
    const m = model('---\nissuer: ICE\n---\n# T\n\nICE will notify states. The Department will publish data. States should reply. This policy will take effect soon. Records must be kept.\n');
    const subjects = m.clauses.map((c) => c.primary?.subject ?? 'none');
    assert.deepEqual(subjects, ['none', 'none', 'participant', 'none', 'agentless']);
  });

  it('handles CRLF, a BOM and malformed front matter without losing the body', () => {
    const m = model('\uFEFF---\r\nprogram: [unclosed\r\n---\r\n# T\r\n\r\nStates must act.\r\n');
    assert.equal(m.problems.length, 1);
    assert.match(m.problems[0].message, /Front matter is not valid YAML/);
    assert.equal(m.clauses.length, 1);
    assert.equal(m.lines.positionAt(m.clauses[0].start).line, 5);
  });
});

describe('document model across versions', () => {
  it('a table row keeps its aspect when only its status cell changes, and takes the new status', () => {
    const p = new Project();
    const uri = 'file:///t.md';
    const table = (status: string) => `# Aspects\n\n| Aspect | Status |\n| --- | --- |\n| Fingerprint sharing with ICE | ${status} |\n| Detainer requests | Optional |\n`;
    const statuses = () => p.model(uri)!.statements.map((s) => `${s.aspect}=${s.status}`);
    p.upsert(uri, table('Mandatory'), { editing: true });
    assert.deepEqual(statuses(), ['Fingerprint sharing with ICE=mandatory', 'Detainer requests=optional']);
    p.upsert(uri, table('Optional'), { editing: true });
    assert.deepEqual(statuses(), ['Fingerprint sharing with ICE=optional', 'Detainer requests=optional']);
    p.upsert(uri, table('Pending'), { editing: true });
    assert.deepEqual(statuses(), ['Detainer requests=optional'], 'not a status word: the row states nothing');
    p.upsert(uri, `Intro.\n\n${table('Mandatory')}`, { editing: true });
    const first = p.model(uri)!.statements[0];
    assert.equal(p.model(uri)!.text.slice(first.start, first.end), 'Fingerprint sharing with ICE', 'offsets follow the row when text above it changes');
  });
});

describe('project index', () => {
  it('finds a contradiction across documents and drops it when one side is fixed', () => {
    const p = new Project();
    p.upsert('file:///a.md', '# A\n\nParticipation in Secure Communities is voluntary.\n');
    const { affected } = p.upsert('file:///b.md', '# B\n\nSecure Communities is mandatory for all jurisdictions.\n');
    assert.deepEqual(affected, ['file:///a.md']);
    const [f] = p.findings('file:///a.md');
    assert.equal(f.ruleId, 'participation-contradiction');
    assert.equal(f.related[0].uri, 'file:///b.md');
    assert.match(f.message, /b\.md:3/);
    p.upsert('file:///b.md', '# B\n\nSecure Communities is voluntary for all jurisdictions.\n');
    assert.deepEqual(p.findings('file:///a.md'), []);
    p.upsert('file:///b.md', '# B\n\nSecure Communities is mandatory.\n');
    assert.equal(p.findings('file:///a.md').length, 1);
    assert.deepEqual(p.remove('file:///b.md'), ['file:///a.md']);
    assert.deepEqual(p.findings('file:///a.md'), []);
  });

  it('an edit that touches no shared key or term affects no other document', () => {
    const p = new Project();
    p.upsert('file:///a.md', '# A\n\nParticipation in Secure Communities is voluntary. States may opt out of calls.\n');
    p.upsert('file:///b.md', '# B\n\nSecure Communities is voluntary.\n');
    assert.deepEqual(p.upsert('file:///c.md', '# C\n\nCounties must keep records.\n').affected, []);
  });

  it('affected lists only documents whose findings can change', () => {
    const p = new Project();
    p.upsert('file:///a.md', '# A\n\nParticipation in Secure Communities is voluntary.\n');
    p.upsert('file:///b.md', '# B\n\nSecure Communities is mandatory.\n');
    p.upsert('file:///c.md', '# C\n\nSecure Communities is mandatory for counties.\n');
    assert.deepEqual(p.upsert('file:///b.md', '# B\n\nSecure Communities is mandatory.\n\nUnrelated words.\n').affected, [], 'the contested statement did not move');
    assert.deepEqual(p.upsert('file:///b.md', '# B\n\nIntro.\n\nSecure Communities is mandatory.\n').affected.sort(), ['file:///a.md', 'file:///c.md'], 'it moved: related locations change');
    assert.deepEqual(p.upsert('file:///d.md', '# D\n\nSecure Communities is optional.\n').affected.sort(), ['file:///a.md', 'file:///b.md', 'file:///c.md']);
    assert.deepEqual(p.upsert('file:///e.md', '# E\n\nThe Pilot Program is optional.\n').affected, [], 'an uncontested key affects no one');
  });

  it('reports one contradiction per aspect and status in a document, however many statements repeat it', () => {
    const p = new Project();
    const many = Array.from({ length: 3000 }, (_, i) => `Fingerprint sharing is ${i % 2 ? 'mandatory' : 'voluntary'} in county ${i}.`).join('\n\n');
    p.upsert('file:///a.md', `# A\n\n${many}\n`);
    const found = p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /1500 mentions in this document/);
  });

  it('a document opened after it was indexed lean gets its fixes back, and lean documents share no caches they could fill', () => {
    const p = new Project();
    const text = '# A\n\nStates must submit fingerprints to the FBI. Participation in Secure Communities is mandatory.\n';
    p.upsert('file:///a.md', text, { lean: true });
    p.upsert('file:///b.md', text.replace('# A', '# B'), { lean: true });
    const leanLabel = p.findings('file:///a.md').find((f) => f.ruleId === 'missing-label');
    assert.ok(leanLabel, 'the clause is reported while the document is not open');
    assert.deepEqual(leanLabel.fixes, [], 'not open: no fixes kept');
    // Opened and typed in: analysed from the lean model as the previous version.
    // As the language server does: every upsert asks for lean, and an open document adds editing.
    p.upsert('file:///a.md', text.replace('FBI', 'FBI now'), { lean: true, editing: true });
    const label = p.findings('file:///a.md').find((f) => f.ruleId === 'missing-label');
    assert.ok(label && label.fixes.some((x) => x.safe), 'open: fixes are back');
    const b = p.model('file:///b.md')!;
    assert.equal(b.resolveMemo.size, 0, 'the shared empty memo of lean models stayed empty');
    assert.equal(b.modalCache.size, 0);
  });

  it('the statement index keeps statuses right as statements of one document come and go', () => {
    const p = new Project();
    p.upsert('file:///a.md', '# A\n\nParticipation in Secure Communities is voluntary.\n\nSecure Communities is optional.\n');
    p.upsert('file:///b.md', '# B\n\nSecure Communities is mandatory.\n');
    assert.equal(p.findings('file:///b.md').filter((f) => f.ruleId === 'participation-contradiction').length, 1);
    // One of a's two optional statements goes: b still contradicts the other.
    assert.deepEqual(p.upsert('file:///a.md', '# A\n\nParticipation in Secure Communities is voluntary.\n').affected, ['file:///b.md']);
    assert.equal(p.findings('file:///b.md').filter((f) => f.ruleId === 'participation-contradiction').length, 1);
    // a now agrees with b: no contradiction left on either side.
    assert.deepEqual(p.upsert('file:///a.md', '# A\n\nSecure Communities is mandatory.\n').affected, ['file:///b.md']);
    assert.deepEqual(p.findings('file:///b.md').filter((f) => f.ruleId === 'participation-contradiction'), []);
    assert.deepEqual(p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction'), []);
  });

  it('an unscoped statement added later is compared with the statement of a program about the same aspect, and one removed stops being', () => {
    // The index remembers which entries a key is compared with: entries made or dropped
    // after that must be seen.
    const p = new Project();
    p.upsert('file:///a.md', '---\nprogram: Secure Communities\n---\n# A\n\nSharing fingerprint data with ICE is mandatory.\n');
    assert.deepEqual(p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction'), []);
    const { affected } = p.upsert('file:///b.md', '# B\n\nSharing fingerprint data with ICE is optional.\n');
    assert.deepEqual(affected, ['file:///a.md']);
    assert.equal(p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction').length, 1);
    p.remove('file:///b.md');
    assert.deepEqual(p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction'), []);
    p.upsert('file:///b.md', '# B\n\nSharing fingerprint data with ICE is optional.\n');
    assert.equal(p.findings('file:///a.md').filter((f) => f.ruleId === 'participation-contradiction').length, 1);
  });

  it('isolates a throwing rule and reports it once', () => {
    const p = new Project();
    const errors: string[] = [];
    p.onRuleError = (e) => errors.push(e.ruleId);
    const { RULES_BY_ID } = require('../../../server/src/engine');
    const rule = RULES_BY_ID.get('missing-section');
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    try {
      p.upsert('file:///a.md', '# A\n\nStates should act.\n');
      p.upsert('file:///a.md', '# A\n\nStates should act now.\n');
      assert.deepEqual(errors, ['missing-section']);
      assert.equal(p.findings('file:///a.md')[0].ruleId, 'missing-label', 'other rules still run');
    } finally {
      rule.check = original;
    }
  });

  it('a label fix that would cover an opposite clause of its paragraph is not safe', () => {
    const text = '# Terms\n\nYou must keep your password secret. You may change it at any time.\n';
    const p = new Project();
    p.upsert('file:///a.md', text);
    const [f] = p.findings('file:///a.md');
    assert.equal(f.ruleId, 'missing-label');
    assert.deepEqual(f.fixes.map((x) => x.safe), [false, false]);
    const fixed = applyEdits(text, f.fixes[0].edits).text;
    p.upsert('file:///a.md', fixed);
    assert.ok(p.findings('file:///a.md').some((x) => x.ruleId === 'label-conflict'), 'the unsafe fix would indeed conflict');
  });

  it('safe fixes only insert labels and replace terms, and are idempotent', () => {
    const text = '# T\n\nStates must act. Counties must act.\n\nCities should act.\n\nStates may opt-out. Cities may opt out. Towns may opt out.\n';
    const p = new Project();
    p.upsert('file:///a.md', text);
    const once = applyEdits(text, safeEdits(p.findings('file:///a.md'))).text;
    assert.equal(once, '# T\n\n[Mandatory] States must act. [Mandatory] Counties must act.\n\nCities should act.\n\nStates may opt out. Cities may opt out. Towns may opt out.\n');
    p.upsert('file:///a.md', once);
    assert.deepEqual(safeEdits(p.findings('file:///a.md')), []);
  });
});
