import MarkdownIt from 'markdown-it';
import { LineIndex } from '../text';
import { maskInline, blankOut } from './inlineMask';

/**
 * Block structure of a Markdown document, from markdown-it, with every block mapped
 * to exact source offsets. Inline structure is not parsed by markdown-it (its inline
 * pass is disabled: it is the slow part and gives no positions); instead `prose` is a
 * copy of the document, the same length, in which everything that is not prose to
 * lint (front matter, code, quotes, HTML tags and comments, link targets, container
 * markers) is blanked with spaces. Offsets in `prose` are offsets in the source.
 */
export interface ParsedMarkdown {
  prose: string;
  blocks: Block[];
  /** Line ranges [start, end) of fenced and indented code, where directives are not read. */
  codeLines: Array<[number, number]>;
}

export type BlockKind = 'heading' | 'paragraph' | 'table-cell' | 'html';

export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  startLine: number;
  /** Heading level 1–6. */
  level?: number;
  /** Nesting depth of list items around this block (0 outside lists). */
  listDepth: number;
  /** True for the first block of a list item: a label there covers the item and its children. */
  listItemStart: boolean;
  /** Identities of the list items containing the block, outermost first, for label inheritance. */
  listPath: number[];
  table?: { id: number; row: number; column: number; header: boolean };
}

const md = new MarkdownIt({ html: true });
md.core.ruler.disable(['inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);

export function parseMarkdown(text: string, bodyStart: number, lines: LineIndex): ParsedMarkdown {
  // Keep offsets: front matter becomes blank lines for markdown-it.
  const src = bodyStart > 0 ? text.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(bodyStart) : text;
  const tokens = md.parse(src, {});
  /** Per block, the [start, end) stretches of source that are its prose (lines minus container markers). */
  const blockSpans: Array<Array<[number, number]>> = [];
  const blocks: Block[] = [];
  const codeLines: Array<[number, number]> = [];
  let quoteDepth = 0;
  const listStack: number[] = [];
  let listItemCounter = 0;
  let pendingItemStart = false;
  let tableId = 0;
  let row = -1;
  let inHead = false;


  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    switch (tok.type) {
      case 'blockquote_open':
        quoteDepth++;
        continue;
      case 'blockquote_close':
        quoteDepth--;
        continue;
      case 'list_item_open':
        listStack.push(++listItemCounter);
        pendingItemStart = true;
        continue;
      case 'list_item_close':
        listStack.pop();
        pendingItemStart = false;
        continue;
      case 'fence':
      case 'code_block':
        if (tok.map) codeLines.push([tok.map[0], tok.map[1]]);
        continue;
      case 'table_open':
        tableId++;
        row = -1;
        continue;
      case 'thead_open':
        inHead = true;
        continue;
      case 'thead_close':
        inHead = false;
        continue;
      case 'tr_open':
        row++;
        if (quoteDepth === 0 && tok.map) addTableRow(tok.map[0]);
        continue;
    }
    if (quoteDepth > 0) continue;
    if (tok.type === 'inline' && tok.map) {
      const parent = tokens[t - 1];
      const kind: BlockKind = parent?.type === 'heading_open' ? 'heading' : 'paragraph';
      const spans = lineSpans(tok, tok.map[0]);
      if (!spans.length) continue;
      const span = [spans[0][0], spans[spans.length - 1][1]];
      blockSpans.push(spans);
      blocks.push({
        kind,
        start: span[0],
        end: span[1],
        startLine: tok.map[0],
        level: kind === 'heading' ? Number(parent.tag.slice(1)) : undefined,
        listDepth: listStack.length,
        listItemStart: kind === 'paragraph' && pendingItemStart,
        listPath: listStack.slice(),
      });
      if (kind === 'paragraph') pendingItemStart = false;
    } else if (tok.type === 'html_block' && tok.map) {
      const start = lines.lineStarts[tok.map[0]];
      const end = lines.lineEnd(Math.max(tok.map[0], tok.map[1] - 1));
      blockSpans.push([[start, end]]);
      blocks.push({ kind: 'html', start, end, startLine: tok.map[0], listDepth: listStack.length, listItemStart: false, listPath: listStack.slice() });
    }
  }

  // Assemble the prose: blanks between blocks and between a block's lines, each block masked as a whole.
  let prose = '';
  let at = 0;
  blocks.forEach((b, i) => {
    if (b.start < at) return; // defensive: blocks come in document order and never overlap
    prose += blankOut(text.slice(at, b.start));
    let blockText = '';
    let p = b.start;
    for (const [s, e] of blockSpans[i]) {
      blockText += blankOut(text.slice(p, s)) + text.slice(s, e);
      p = e;
    }
    prose += maskInline(blockText, b.kind === 'html');
    at = b.end;
  });
  prose += blankOut(text.slice(at));
  return { prose, blocks, codeLines };

  /** The source stretches holding an inline token's lines, found by matching each content line in its source line. */
  function lineSpans(tok: { content: string }, firstLine: number): Array<[number, number]> {
    const contentLines = tok.content.split('\n');
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < contentLines.length; i++) {
      const lineNo = firstLine + i;
      if (lineNo >= lines.lineCount) break;
      const lineStart = lines.lineStarts[lineNo];
      const lineText = lines.lineText(lineNo);
      const want = contentLines[i].trim();
      if (!want) continue;
      let at = lineText.indexOf(want);
      // Setext underlines and tab expansion can defeat the search: fall back to the first non-blank.
      if (at < 0) at = lineText.search(/\S/);
      if (at < 0) continue;
      spans.push([lineStart + at, lineStart + Math.min(lineText.length, at + want.length)]);
    }
    return spans;
  }

  function addTableRow(lineNo: number) {
    const lineStart = lines.lineStarts[lineNo];
    const lineText = lines.lineText(lineNo);
    const cells = splitTableRow(lineText);
    cells.forEach(([s, e], column) => {
      const trimmedStart = s + (lineText.slice(s, e).length - lineText.slice(s, e).trimStart().length);
      const trimmedEnd = e - (lineText.slice(s, e).length - lineText.slice(s, e).trimEnd().length);
      if (trimmedEnd <= trimmedStart) return;
      blockSpans.push([[lineStart + trimmedStart, lineStart + trimmedEnd]]);
      blocks.push({
        kind: 'table-cell',
        start: lineStart + trimmedStart,
        end: lineStart + trimmedEnd,
        startLine: lineNo,
        listDepth: listStack.length,
        listItemStart: false,
        listPath: listStack.slice(),
        table: { id: tableId, row, column, header: inHead },
      });
    });
  }
}

/** Splits a GFM table row into cell spans, honouring `\|` escapes and code spans. */
export function splitTableRow(line: string): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] === '|') i++;
  let cellStart = i;
  let inCode = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (line[i + n] === '`') n++;
      if (inCode === 0) inCode = n;
      else if (inCode === n) inCode = 0;
      i += n - 1;
      continue;
    }
    if (c === '|' && inCode === 0) {
      cells.push([cellStart, i]);
      cellStart = i + 1;
    }
  }
  if (line.slice(cellStart).trim()) cells.push([cellStart, line.length]);
  return cells;
}

