import MarkdownIt from 'markdown-it';
import { LineIndex } from '../text';
import { maskInline, BREAK } from './inlineMask';

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
  const buf = new Uint16Array(text.length).fill(32);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) buf[i] = c;
  }
  const blocks: Block[] = [];
  const codeLines: Array<[number, number]> = [];
  let quoteDepth = 0;
  const listStack: number[] = [];
  let listItemCounter = 0;
  let pendingItemStart = false;
  let tableId = 0;
  let row = -1;
  let inHead = false;

  const copy = (start: number, end: number) => {
    for (let i = start; i < end; i++) buf[i] = text.charCodeAt(i);
  };

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
      const span = copyInline(tok, tok.map[0]);
      if (!span) continue;
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
      copy(start, end);
      blocks.push({ kind: 'html', start, end, startLine: tok.map[0], listDepth: listStack.length, listItemStart: false, listPath: listStack.slice() });
    }
  }

  // Blank what is not prose inside the copied blocks: code spans, tags, link targets…
  for (const b of blocks) maskInline(buf, b.start, b.end, b.kind === 'html');
  let prose = '';
  for (let i = 0; i < buf.length; i += 8192) prose += String.fromCharCode.apply(null, buf.subarray(i, i + 8192) as unknown as number[]);
  return { prose, blocks, codeLines };

  /** Copies the lines of an inline token into the buffer; returns its [start, end) span. */
  function copyInline(tok: { content: string }, firstLine: number): [number, number] | undefined {
    const contentLines = tok.content.split('\n');
    let spanStart = -1;
    let spanEnd = -1;
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
      const from = lineStart + at;
      const to = lineStart + Math.min(lineText.length, at + want.length);
      copy(from, to);
      if (spanStart < 0) spanStart = from;
      spanEnd = to;
    }
    return spanStart < 0 ? undefined : [spanStart, spanEnd];
  }

  function addTableRow(lineNo: number) {
    const lineStart = lines.lineStarts[lineNo];
    const lineText = lines.lineText(lineNo);
    const cells = splitTableRow(lineText);
    cells.forEach(([s, e], column) => {
      const trimmedStart = s + (lineText.slice(s, e).length - lineText.slice(s, e).trimStart().length);
      const trimmedEnd = e - (lineText.slice(s, e).length - lineText.slice(s, e).trimEnd().length);
      if (trimmedEnd <= trimmedStart) return;
      copy(lineStart + trimmedStart, lineStart + trimmedEnd);
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

export { BREAK };
