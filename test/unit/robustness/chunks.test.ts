import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { absoluteBlocks, parseMarkdown, parseMarkdownWhole, type Block, type ParsedDocument, type ParsedMarkdown } from '../../../server/src/engine/parse/markdown';
import { parseFrontMatter } from '../../../server/src/engine/parse/frontMatter';
import { LineIndex } from '../../../server/src/engine/text';
import { applyEdit, block, edit, policyDoc } from './support/markdown';
import { checkProperty } from './support/runProperty';

/** Blocks with list and table ids renamed by first appearance, so two parses compare by structure. */
function comparable(parsed: ParsedMarkdown) {
  const ids = new Map<number, number>();
  const id = (n: number) => {
    if (!ids.has(n)) ids.set(n, ids.size);
    return ids.get(n);
  };
  return {
    prose: parsed.prose,
    codeLines: parsed.codeLines,
    blocks: parsed.blocks.map((b: Block) => ({
      kind: b.kind, start: b.start, end: b.end, startLine: b.startLine, level: b.level, listDepth: b.listDepth, listItemStart: b.listItemStart,
      listPath: b.listPath.map(id),
      table: b.table && { id: id(-1 - b.table.id), row: b.table.row, column: b.table.column, header: b.table.header },
    })),
  };
}

function chunked(text: string, previous?: ParsedDocument) {
  const lines = new LineIndex(text);
  const fm = parseFrontMatter(text, 'file:///doc.md', lines);
  const parsed = parseMarkdown(text, fm.bodyStart, lines, previous?.cache);
  return { parsed, asWhole: { prose: parsed.prose, codeLines: parsed.codeLines, blocks: absoluteBlocks(parsed) }, whole: parseMarkdownWhole(text, fm.bodyStart) };
}

/** Headings right after open fences, HTML blocks, comments, tables and lists: the places where a chunk boundary could be wrong. */
const tightDoc = fc.array(fc.oneof(block, fc.constantFrom('# Heading', '## Optional aspects', '### Reporting (Mandatory)', '#', '```', '<!--', '-->', '<div>', '<pre>', '</pre>', '| a | b |\n| - | - |')), { maxLength: 16 })
  .chain((blocks) => fc.constantFrom('\n', '\n\n', '\r\n').map((sep) => blocks.join(sep)));

describe('robustness: chunked Markdown parse', () => {
  it('parsing a document chunk by chunk gives exactly what parsing it whole gives', async () => {
    await checkProperty(
      'chunked parse = whole parse',
      fc.property(fc.oneof(tightDoc, policyDoc.map((d) => d.text)), (text) => {
        const { asWhole, whole } = chunked(text);
        assert.deepEqual(comparable(asWhole), comparable(whole));
      }),
      300,
    );
  });

  it('a parse that reuses the previous version’s chunks equals a fresh one, edit after edit', async () => {
    await checkProperty(
      'chunk reuse across edits = fresh parse',
      fc.property(fc.oneof(tightDoc, policyDoc.map((d) => d.text)), fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
        let previous = chunked(text).parsed;
        for (const e of edits) {
          text = applyEdit(text, e);
          const { parsed, asWhole, whole } = chunked(text, previous);
          assert.deepEqual(comparable(asWhole), comparable(whole));
          previous = parsed;
        }
      }),
      150,
    );
  });

  it('reuses unchanged chunks and keeps identical sections apart', () => {
    const section = (n: number) => `## Section ${n}\n\n- States must report.\n  - Counties may share data.\n\n| Aspect | Participation |\n| - | - |\n| Audits | Mandatory |\n`;
    const same = '## Repeated\n\n- Agencies must file.\n';
    const text = [section(1), same, section(2), same, section(3)].join('\n');
    const first = chunked(text).parsed;
    const edited = text.replace('Section 2', 'Section Two');
    const second = chunked(edited, first).parsed;
    assert.equal(second.chunks.length, first.chunks.length);
    const reused = second.chunks.filter((c, i) => c.chunk === first.chunks[i].chunk).length;
    assert.equal(reused, first.chunks.length - 1, 'only the edited section is parsed again');
    // The two "Repeated" sections are separate chunks: their list items never share an id.
    const repeated = second.chunks.filter((c) => c.chunk.src.startsWith('## Repeated'));
    assert.equal(repeated.length, 2);
    assert.notEqual(repeated[0].chunk, repeated[1].chunk);
    const itemIds = repeated.map((c) => c.chunk.blocks.find((b) => b.listPath.length)!.listPath[0]);
    assert.notEqual(itemIds[0], itemIds[1]);
  });

  it('a fence left open across headings is one chunk until it closes', () => {
    const text = '# A\n\n```\n# not a heading\n\n## still code\n```\n\n## B\n\nStates must report.\n';
    const { asWhole, whole } = chunked(text);
    assert.deepEqual(comparable(asWhole), comparable(whole));
    assert.deepEqual(asWhole.blocks.filter((b) => b.kind === 'heading').map((b) => b.startLine), [0, 8]);
  });
});
