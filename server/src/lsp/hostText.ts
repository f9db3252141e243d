import type { TextReadResult } from './host';

const BOM = '\uFEFF';

/** What decoding can say: text, or why the bytes are not text (a `TextReadResult` without the I/O failures). */
export type DecodedText = Extract<TextReadResult, { ok: true }> | { ok: false; reason: 'binary' | 'encoding'; message: string };

/**
 * Decodes file bytes as UTF-8 text, the same way wherever they were read (Node's file
 * system, or the editor's in the browser). A file with NUL bytes (binary) or invalid
 * UTF-8 is refused with a reason rather than decoded into garbage a fix could write back.
 */
export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) return { ok: false, reason: 'binary', message: 'looks binary (it contains NUL bytes)' };
  let text: string;
  try {
    // ignoreBOM keeps the mark in the text, so it can be reported and removed here.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'encoding', message: 'is not valid UTF-8' };
  }
  return text.startsWith(BOM) ? { ok: true, text: text.slice(1), bom: true } : { ok: true, text, bom: false };
}
