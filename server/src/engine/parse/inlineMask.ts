/**
 * Blanks the parts of a prose block that are not words to lint, in place, keeping
 * every offset. Each pattern here is linear: no nested quantifiers, and code spans
 * are paired with one pass over the backtick runs.
 */

/** Written where a block-level HTML tag was, so that clause splitting breaks there. */
export const BREAK = '\u2029';

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g;
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>@]+>/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/g;
const FOOTNOTE_REF = /\[\^[^\]\s]+\]/g;
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/**
 * Returns `text` with its non-prose parts blanked (spaces; line breaks kept). In an
 * HTML block, a block-level tag also leaves a BREAK so that clause splitting stops there.
 * Each pattern runs only when the character that starts it occurs in the text.
 */
export function maskInline(text: string, htmlBlock: boolean): string {
  const ranges: Array<[number, number]> = [];
  const breaks: number[] = [];
  const blank = (s: number, e: number) => {
    if (e > s) ranges.push([s, e]);
  };
  if (text.includes('`')) maskCodeSpans(text, blank);
  if (text.includes('<')) {
    for (const m of text.matchAll(HTML_COMMENT)) blank(m.index!, m.index! + m[0].length);
    for (const m of text.matchAll(AUTOLINK)) blank(m.index!, m.index! + m[0].length);
    for (const m of text.matchAll(HTML_TAG)) {
      blank(m.index!, m.index! + m[0].length);
      if (htmlBlock && BLOCK_TAGS.has(m[1].toLowerCase())) breaks.push(m.index!);
    }
  }
  if (text.includes('](') || text.includes('][')) maskLinkTargets(text, blank);
  // Every URL holds "://" or "www.": much rarer starts than the "h" of "http".
  if (text.includes('://') || text.includes('www.')) for (const m of text.matchAll(BARE_URL)) blank(m.index!, m.index! + m[0].length);
  if (text.includes('[^')) for (const m of text.matchAll(FOOTNOTE_REF)) blank(m.index!, m.index! + m[0].length);
  // Entities are not words; `&#8617;` and friends would otherwise read as text.
  if (text.includes('&')) for (const m of text.matchAll(ENTITY)) blank(m.index!, m.index! + m[0].length);
  if (!ranges.length) return text;
  ranges.sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    out += text.slice(at, from) + blankOut(text.slice(from, e));
    at = e;
  }
  out += text.slice(at);
  if (breaks.length) {
    // Slices, not an array of every character of the block.
    breaks.sort((x, y) => x - y);
    let marked = '';
    let from = 0;
    for (const b of breaks) {
      if (b < from) continue;
      marked += out.slice(from, b) + BREAK;
      from = b + 1;
    }
    out = marked + out.slice(from);
  }
  return out;
}

/** Spaces for every character but line breaks, so lines and offsets stay put. */
export function blankOut(s: string): string {
  // A loop and repeat(), not replace(/[^\r\n]/g): a regex replace calls back per character (4x slower).
  const n = s.length;
  let out = '';
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (i > from) out += ' '.repeat(i - from);
    out += c === 10 ? '\n' : '\r';
    from = i + 1;
  }
  return from === 0 ? ' '.repeat(n) : n > from ? out + ' '.repeat(n - from) : out;
}

/** Pairs backtick runs of equal length (CommonMark code spans) in one pass. */
function maskCodeSpans(text: string, blank: (s: number, e: number) => void): void {
  if (text.indexOf('`') < 0) return;
  const runs: Array<[number, number]> = [];
  for (const m of text.matchAll(/`+/g)) {
    if (m.index! > 0 && text[m.index! - 1] === '\\') continue;
    runs.push([m.index!, m[0].length]);
  }
  // For each run length, the indices of runs with that length, consumed in order.
  const byLength = new Map<number, number[]>();
  runs.forEach(([, len], i) => {
    const list = byLength.get(len);
    if (list) list.push(i);
    else byLength.set(len, [i]);
  });
  const cursor = new Map<number, number>();
  let i = 0;
  while (i < runs.length) {
    const [pos, len] = runs[i];
    const list = byLength.get(len)!;
    let c = cursor.get(len) ?? 0;
    while (c < list.length && list[c] <= i) c++;
    cursor.set(len, c);
    if (c >= list.length) {
      i++;
      continue;
    }
    const close = list[c];
    blank(pos, runs[close][0] + len);
    cursor.set(len, c + 1);
    i = close + 1;
  }
}

/** Blanks `(destination "title")` after `]`, and `[label]` of reference links, keeping the link text. */
function maskLinkTargets(text: string, blank: (s: number, e: number) => void): void {
  let from = 0;
  for (;;) {
    const i = text.indexOf(']', from);
    if (i < 0 || i + 1 >= text.length) return;
    from = i + 1;
    const next = text[i + 1];
    if (next === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length && j - i < 2048; j++) {
        const c = text[j];
        if (c === '\\') j++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
        else if (c === '\n' && text[j + 1] === '\n') break;
      }
      if (j < text.length && text[j] === ')') {
        blank(i + 1, j + 1);
        from = j + 1;
      }
    } else if (next === '[') {
      const j = text.indexOf(']', i + 2);
      if (j > 0 && j - i < 1000) {
        blank(i + 1, j + 1);
        from = j + 1;
      }
    }
  }
}
