/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and total time per function
 * and self time per source file, with locations in the bundle mapped back to the
 * TypeScript sources through the bundle's source map.
 *
 *   node scripts/bench/cpuprofile.mjs FILE.cpuprofile [--top 20]
 */
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, fixed } from './table.mjs';

/** Maps a bundle's (0-based) line and column to its original source, caching one SourceMap per script. */
function sourceMapper(root) {
  const maps = new Map();
  const mapFor = (url) => {
    if (maps.has(url)) return maps.get(url);
    let map;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(url, map);
    return map;
  };
  /** The name declared on a source line (`function X`, `class X`, a method `X(`), when the map records none. */
  const declaredName = (map, source, line) => {
    const i = map.payload.sources.indexOf(source);
    const text = map.payload.sourcesContent?.[i]?.split('\n')[line] ?? '';
    return /\b(?:function\s*\*?|class)\s+([\w$]+)/.exec(text)?.[1] ?? /^\s*(?:async\s+)?\*?([\w$]+)\s*\(/.exec(text)?.[1];
  };
  return (url, line, column) => {
    if (!url) return undefined;
    const map = mapFor(url);
    const entry = map?.findEntry(line, column);
    if (entry && entry.originalSource) {
      entry.name ??= declaredName(map, entry.originalSource, entry.originalLine);
      const source = entry.originalSource.replace(/^webpack:\/\/|^file:\/\//, '');
      const rel = path.relative(root, path.resolve(path.dirname(url.replace(/^file:\/\//, '')), source));
      return { file: rel.replace(/^(\.\.\/)+/, ''), line: entry.originalLine + 1, name: entry.name };
    }
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    return { file: path.isAbsolute(file) ? path.relative(root, file) : file, line: line + 1 };
  };
}

/**
 * @param {object} profile a parsed .cpuprofile
 * @param {string} root paths are shown relative to it
 */
export function summarize(profile, root) {
  const map = sourceMapper(root);
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const keyOf = new Map();
  const info = new Map();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const where = url ? map(url, lineNumber, columnNumber) : undefined;
    // A minified bundle's names are recovered from the source map; anonymous functions stay anonymous.
    const name = (functionName && where?.name) || functionName || (url ? '(anonymous)' : '(native)');
    const key = where ? `${name} ${where.file}:${where.line}` : name;
    keyOf.set(n.id, key);
    if (!info.has(key)) info.set(key, { name, where: where ? `${where.file}:${where.line}` : '', file: where?.file ?? name, self: 0, total: 0 });
  }

  let totalUs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; the time after it is what sample i stood for.
    const dt = Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0);
    totalUs += dt;
    const id = samples[i];
    info.get(keyOf.get(id)).self += dt;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const key = keyOf.get(n);
      if (seen.has(key)) continue;
      seen.add(key);
      info.get(key).total += dt;
    }
  }
  const byFile = new Map();
  for (const f of info.values()) byFile.set(f.file, (byFile.get(f.file) ?? 0) + f.self);
  return {
    totalMs: totalUs / 1000,
    functions: [...info.values()].filter((f) => f.name !== '(root)'),
    files: [...byFile.entries()].map(([file, self]) => ({ file, self })).filter((f) => f.self > 0),
  };
}

/** Long names (a RegExp's source) cut so the tables stay readable. */
const short = (name, max = 72) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

export function formatSummary(summary, top = 20) {
  const pct = (us) => fixed((us / 1000 / summary.totalMs) * 100, 1);
  const ms = (us) => fixed(us / 1000, 0);
  const bySelf = [...summary.functions].sort((a, b) => b.self - a.self).slice(0, top);
  const byTotal = [...summary.functions].filter((f) => !f.name.startsWith('(')).sort((a, b) => b.total - a.total).slice(0, top);
  const byFile = [...summary.files].sort((a, b) => b.self - a.self).slice(0, 12);
  return [
    `Sampled ${fixed(summary.totalMs, 0)} ms.`,
    '',
    `Top ${top} functions by self time:`,
    '',
    markdownTable(['function', 'where', 'self ms', 'self %', 'total %'], bySelf.map((f) => [short(f.name), f.where, ms(f.self), pct(f.self), pct(f.total)]), ['l', 'l', 'r', 'r', 'r']),
    '',
    'Self time by source file:',
    '',
    markdownTable(['file', 'self ms', 'self %'], byFile.map((f) => [short(f.file), ms(f.self), pct(f.self)]), ['l', 'r', 'r']),
    '',
    `Top ${top} functions by total (inclusive) time:`,
    '',
    markdownTable(['function', 'where', 'total ms', 'total %', 'self %'], byTotal.map((f) => [short(f.name), f.where, ms(f.total), pct(f.total), pct(f.self)]), ['l', 'l', 'r', 'r', 'r']),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node scripts/bench/cpuprofile.mjs FILE.cpuprofile [--top N]\n');
    process.exit(2);
  }
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) || 20 : 20;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  process.stdout.write(`${formatSummary(summarize(JSON.parse(fs.readFileSync(file, 'utf8')), root), top)}\n`);
}
