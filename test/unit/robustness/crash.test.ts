import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, analyseAndCheck, timeBoundMs } from './support/analyse';
import { anyText, policyDoc } from './support/markdown';
import { checkProperty } from './support/runProperty';
import { PATHOLOGICAL } from './support/pathological';

describe('robustness: arbitrary documents', () => {
  before(() => analyse('# Warm up\n\nStates must opt-out.\n')); // first-use compilation is not the document's cost

  it('analyses any text without throwing, within a time linear in its size, with every range inside the document', async () => {
    await checkProperty(
      'analyse any text: no crash, ranges inside, time bound',
      fc.property(anyText, (text) => {
        const { ms } = analyseAndCheck(text);
        assert.ok(ms < timeBoundMs(text.length), `${ms.toFixed(0)} ms for ${text.length} characters`);
      }),
      200,
    );
  });

  it('keeps ranges inside the document for generated policy documents with findings', async () => {
    let withFindings = 0;
    await checkProperty(
      'policy documents: ranges of findings, related and fixes inside',
      fc.property(policyDoc, (doc) => {
        if (analyseAndCheck(doc.text).findings.length) withFindings++;
      }),
      200,
    );
    // The generator must reach the rules, or the property checks nothing.
    assert.ok(withFindings > 50, `only ${withFindings} generated documents had findings`);
  });

  for (const p of PATHOLOGICAL.filter((x) => !x.found)) {
    it(`survives ${p.name}`, () => {
      const text = p.make(p.size);
      const { ms } = analyseAndCheck(text, p.config?.());
      assert.ok(ms < timeBoundMs(text.length), `${ms.toFixed(0)} ms for ${text.length} characters`);
    });
  }
});
