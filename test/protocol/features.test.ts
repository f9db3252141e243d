import * as assert from 'node:assert/strict';
import type { CompletionItem, DocumentSymbol, Hover, MarkupContent, Range, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { copyFixture, positionOf, rangeOf, removeDir, startServer, type ServerHarness } from './harness';

/** Hover, completion and symbols: read-only requests against one server. */
describe('protocol: hover, completion, symbols', function () {
  let dir: string;
  let server: ServerHarness;
  let uri: string;
  let text: string;

  before(async () => {
    dir = copyFixture();
    server = await startServer({ workspace: dir });
    ({ uri, text } = server.open('guidance.md'));
    await server.diagnosticsForVersion(uri, 1);
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  async function hoverAt(needle: string, offset = 0): Promise<{ value: string; range?: Range } | null> {
    const p = positionOf(text, needle);
    const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: p.line, character: p.character + offset } });
    if (!h) return null;
    const contents = h.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return { value: contents.value, range: h.range };
  }

  describe('hover', () => {
    it('on a participation term: meaning, preferred form, forms used in the workspace with counts', async () => {
      const h = await hoverAt('opt-out of', 3);
      assert.deepEqual(h?.range, rangeOf(23, 19, 23, 26));
      assert.match(h!.value, /A jurisdiction declines an optional aspect of a program by written notice to the program office\./);
      assert.match(h!.value, /Preferred form: "opt out" \(set in the configuration\)/);
      assert.match(h!.value, /Forms used in the workspace: "opt-out" ×2, "opt out" ×1/);
    });

    it('on an inline label and on a section label: what it covers', async () => {
      const inline = await hoverAt('[Mandatory] Jurisdictions', 2);
      assert.deepEqual(inline?.range, rangeOf(12, 0, 12, 12));
      assert.match(inline!.value, /participation label \(mandatory\)/);
      assert.match(inline!.value, /Covers this clause\./);
      const section = await hoverAt('Optional aspects', 2);
      assert.deepEqual(section?.range, rangeOf(16, 3, 16, 11));
      assert.match(section!.value, /Covers the section "Optional aspects" and its subsections/);
      assert.match(section!.value, /2 clauses \(0 normative\), lines 19–20/);
    });

    it('on a contradicted statement: the other place, its status and a link to its line', async () => {
      const h = await hoverAt('Participation in the data quality review', 5);
      assert.deepEqual(h?.range, rangeOf(19, 2, 19, 55));
      assert.match(h!.value, /\*\*the data quality review\*\*: optional here/);
      assert.ok(h!.value.includes(`- mandatory ⚠: [agreement.md:8](${server.uri('agreement.md')}#L8) "the data quality review"`), h!.value);
    });

    it('on a statement the registry declares: the declaration and where it is', async () => {
      const h = await hoverAt('Fingerprint sharing', 3);
      assert.ok(h!.value.includes(`Registry: "Fingerprint sharing" is declared mandatory in [.policylintrc.yaml:11](${server.uri('.policylintrc.yaml')}#L11) (agrees).`), h!.value);
      assert.ok(h!.value.includes(`[agreement.md:10](${server.uri('agreement.md')}#L10) "share fingerprints with ICE at booking"`), h!.value);
    });

    it('nothing on plain prose, on unknown documents', async () => {
      assert.equal(await hoverAt('This guidance explains', 3), null);
      assert.equal(await server.request('textDocument/hover', { textDocument: { uri: server.uri('missing.md') }, position: { line: 0, character: 0 } }), null);
    });
  });

  describe('completion', () => {
    const complete = (line: number, character: number) => server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });

    it('at the start of a clause: the configured labels first, then terms, programs and aspects', async () => {
      const items = await complete(28, 0); // the blank line between two Oversight paragraphs
      const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
      assert.deepEqual(sorted.slice(0, 4).map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [
        ['[Mandatory]', '[Mandatory] '],
        ['[Required]', '[Required] '],
        ['[Optional]', '[Optional] '],
        ['[Voluntary]', '[Voluntary] '],
      ]);
      const byLabel = new Map(items.map((i) => [i.label, i]));
      assert.equal(byLabel.get('opt out')?.detail, 'Participation term (preferred form)');
      assert.equal(byLabel.get('Secure Communities')?.detail, 'Program: optional (registry)');
      assert.equal(byLabel.get('Fingerprint sharing')?.detail, 'Aspect: mandatory (registry)');
      assert.equal(byLabel.get('data quality review')?.detail, 'Aspect: mandatory / optional');
      assert.equal(byLabel.has('opt-out'), false, 'only preferred forms');
    });

    it('a partly typed label is replaced; only labels are offered after "["', async () => {
      const v = server.change(uri, [{ range: rangeOf(28, 0, 28, 0), text: '- [Man' }]);
      await server.diagnosticsForVersion(uri, v);
      const items = await complete(28, 6);
      assert.deepEqual(items.map((i) => i.label), ['[Mandatory]', '[Required]', '[Optional]', '[Voluntary]']);
      assert.deepEqual((items[0].textEdit as { range: Range }).range, rangeOf(28, 2, 28, 6));
      const undo = server.change(uri, [{ range: rangeOf(28, 0, 28, 6), text: '' }]);
      await server.diagnosticsForVersion(uri, undo);
    });

    it('in a heading line: the sections of the document template, missing ones first', async () => {
      const v = server.change(uri, [{ range: rangeOf(32, 0, 32, 0), text: '\n## Les' }]);
      await server.diagnosticsForVersion(uri, v);
      const items = await complete(33, 6);
      const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      assert.deepEqual(sorted.map((i) => i.label), ['Lessons learned', 'Intent', 'Mandatory aspects', 'Optional aspects', 'Opt-out procedure', 'Oversight']);
      assert.deepEqual(sorted[0].textEdit, { range: rangeOf(33, 3, 33, 6), newText: 'Lessons learned' });
      assert.match(sorted[1].detail!, /already in this document/);
      const undo = server.change(uri, [{ range: rangeOf(32, 0, 33, 6), text: '' }]);
      await server.diagnosticsForVersion(uri, undo);
    });

    it('nothing in front matter or in unknown documents', async () => {
      assert.deepEqual(await complete(1, 3), []);
      assert.deepEqual(await server.request('textDocument/completion', { textDocument: { uri: server.uri('missing.md') }, position: { line: 0, character: 0 } }), []);
    });
  });

  describe('symbols', () => {
    it('document symbols: sections nested by level, labelled aspects and clauses under them with their status', async () => {
      const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const shape = (s: DocumentSymbol): unknown => [s.name, s.detail ?? null, ...(s.children?.length ? [s.children.map(shape)] : [])];
      assert.deepEqual(symbols.map(shape), [
        ['Secure Communities participation guidance', null, [
          ['Intent', 'informative'],
          ['Mandatory aspects', 'Mandatory', [['submit fingerprints to the FBI at booking', 'Mandatory'], ['Fingerprint sharing', 'Mandatory']]],
          ['Optional aspects', 'Optional', [['Immigration status notifications', 'Optional']]],
          ['Opting out', null],
          ['Oversight', null, [['keep booking records for five years', 'Optional']]],
        ]],
      ]);
      const intent = symbols[0].children![0];
      assert.deepEqual(intent.range, rangeOf(6, 0, 8, 92));
      assert.deepEqual(intent.selectionRange, rangeOf(6, 3, 6, 9));
      // Every child lies inside its parent, as clients require.
      const inside = (outer: Range, inner: Range) =>
        (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
        (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
      const check = (s: DocumentSymbol) => {
        assert.ok(inside(s.range, s.selectionRange), `${s.name}: selection inside range`);
        for (const c of s.children ?? []) {
          assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
          check(c);
        }
      };
      symbols.forEach(check);
    });

    it('workspace symbols: programs and aspects of every file and of the registry, filtered by the query', async () => {
      const symbols = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'fingerprint' });
      const rows = symbols.map((s) => [s.name, s.containerName, (s.location as { uri: string }).uri.split('/').pop()]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      assert.deepEqual(rows, [
        ['Fingerprint sharing', 'mandatory (registry) · Secure Communities', '.policylintrc.yaml'],
        ['Fingerprint sharing', 'mandatory · Secure Communities', 'guidance.md'],
        ['share fingerprints with ICE at booking', 'mandatory · Secure Communities', 'agreement.md'],
        ['submit fingerprints to the FBI at booking', 'mandatory · Secure Communities', 'guidance.md'],
      ]);
      const all = await server.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
      assert.ok(all.some((s) => s.name === 'Secure Communities' && s.containerName === 'optional (registry)'));
      assert.deepEqual(await server.request('workspace/symbol', { query: 'xyzzy' }), []);
    });

    it('no symbols for an unknown document', async () => {
      assert.deepEqual(await server.request('textDocument/documentSymbol', { textDocument: { uri: server.uri('missing.md') } }), []);
    });
  });
});
