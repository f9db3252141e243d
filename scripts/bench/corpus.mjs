/**
 * Builds the benchmark corpus: the real policy documents of shared/corpus, repeated and
 * varied (seeded, so every machine gets the same bytes) up to a file count and size target,
 * into bench-data/ (git-ignored). Files are spread over four folders part-1..part-4 of
 * similar mix, so a run over one, two or all four measures how cost grows with size.
 *
 *   node scripts/bench/corpus.mjs [--quick] [--force]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, seedFor } from './prng.mjs';
import { varyDocument } from './vary.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Bump when the generator changes, so an old corpus is rebuilt rather than silently reused. */
const GENERATOR_VERSION = 2;
const SEED = 20240611;
export const PARTS = 4;
const SINGLE_DOCUMENT_LINES = 10_000;

export const CORPUS_SIZES = {
  full: { name: 'corpus', files: 2000, targetBytes: 20_000_000 },
  quick: { name: 'corpus-quick', files: 400, targetBytes: 4_000_000 },
};

export function sourceDir() {
  const candidates = [process.env.BENCH_SOURCE_CORPUS, path.resolve(REPO_ROOT, '../shared/corpus'), path.resolve(REPO_ROOT, 'shared/corpus')];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  throw new Error(`no source corpus: looked in ${candidates.filter(Boolean).join(', ')} (set BENCH_SOURCE_CORPUS to a folder of Markdown policy files)`);
}

function listMarkdown(dir) {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((rel) => ({ rel, text: fs.readFileSync(path.join(dir, rel), 'utf8') }));
}

/**
 * The share of prose paragraphs to keep so `files` variants average `targetBytes / files`:
 * measured on one variant of each source at keep 1 and 0.5, then interpolated.
 */
function calibrateKeep(sources, files, targetBytes) {
  const avg = (keep) => {
    let bytes = 0;
    sources.forEach((s, i) => (bytes += Buffer.byteLength(varyDocument(s.text, createRandom(seedFor(SEED, i)), keep))));
    return bytes / sources.length;
  };
  const want = targetBytes / files;
  const full = avg(1);
  const half = avg(0.5);
  if (want >= full) return 1;
  const keep = 0.5 + ((want - half) / (full - half)) * 0.5;
  return Math.min(1, Math.max(0.05, keep));
}

export function corpusPaths(size) {
  const root = path.join(REPO_ROOT, 'bench-data', size.name);
  return {
    root,
    manifest: `${root}.manifest.json`,
    parts: Array.from({ length: PARTS }, (_, i) => path.join(root, `part-${i + 1}`)),
    /** One long document, for how cost grows with a document's length rather than with their number. */
    single: `${root}-single`,
  };
}

/** Reads the manifest of an up-to-date corpus, or undefined when it must be (re)built. */
export function readManifest(size) {
  const { manifest, root } = corpusPaths(size);
  try {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (m.generatorVersion !== GENERATOR_VERSION || m.seed !== SEED || m.files !== size.files || m.targetBytes !== size.targetBytes) return undefined;
    if (!fs.existsSync(root) || !fs.existsSync(corpusPaths(size).single)) return undefined;
    return m;
  } catch {
    return undefined;
  }
}

export function buildCorpus(size, log = () => {}) {
  const src = sourceDir();
  const sources = listMarkdown(src);
  if (!sources.length) throw new Error(`${src}: no Markdown files`);
  const keep = calibrateKeep(sources, size.files, size.targetBytes);
  const { root, manifest } = corpusPaths(size);
  const tmp = `${root}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const parts = Array.from({ length: PARTS }, () => ({ files: 0, bytes: 0 }));
  for (let i = 0; i < size.files; i++) {
    const source = sources[i % sources.length];
    const text = varyDocument(source.text, createRandom(seedFor(SEED, i)), keep);
    const part = i % PARTS;
    const rel = source.rel.replace(/\.md$/, `-${String(i).padStart(4, '0')}.md`);
    const file = path.join(tmp, `part-${part + 1}`, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    parts[part].files++;
    parts[part].bytes += Buffer.byteLength(text);
  }
  // Pin the default configuration: a config file added above bench-data/ later must not change what is measured.
  fs.writeFileSync(path.join(tmp, '.policylintrc.json'), '{}\n');
  fs.rmSync(root, { recursive: true, force: true });
  fs.renameSync(tmp, root);
  const single = buildSingleDocument(sources, corpusPaths(size).single, keep);
  const m = {
    generatorVersion: GENERATOR_VERSION,
    seed: SEED,
    source: src,
    sourceFiles: sources.length,
    keep: Number(keep.toFixed(3)),
    files: size.files,
    targetBytes: size.targetBytes,
    bytes: parts.reduce((a, p) => a + p.bytes, 0),
    parts,
    single,
  };
  fs.writeFileSync(manifest, `${JSON.stringify(m, null, 2)}\n`);
  log(`Built ${path.relative(REPO_ROOT, root)}: ${m.files} files, ${(m.bytes / 1e6).toFixed(1)} MB from ${m.sourceFiles} sources (kept ${(keep * 100).toFixed(0)}% of prose paragraphs).`);
  return m;
}

/** A 10,000-line document made of variants of the sources, one after another (front matter dropped). */
function buildSingleDocument(sources, dir, keep) {
  const lines = ['---', 'program: Secure Communities', '---', '# One long policy document', ''];
  for (let i = 0; lines.length < SINGLE_DOCUMENT_LINES; i++) {
    const text = varyDocument(sources[i % sources.length].text, createRandom(seedFor(SEED + 1, i)), keep);
    lines.push(...text.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n'));
  }
  const text = `${lines.slice(0, SINGLE_DOCUMENT_LINES).join('\n')}\n`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.policylintrc.json'), '{}\n');
  fs.writeFileSync(path.join(dir, 'one-document.md'), text);
  return { files: 1, lines: SINGLE_DOCUMENT_LINES, bytes: Buffer.byteLength(text) };
}

/** The corpus for this size, built first when missing or out of date. */
export function ensureCorpus(size, log) {
  return readManifest(size) ?? buildCorpus(size, log);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = process.argv.includes('--quick') ? CORPUS_SIZES.quick : CORPUS_SIZES.full;
  const m = process.argv.includes('--force') ? buildCorpus(size, console.log) : ensureCorpus(size, console.log);
  console.log(JSON.stringify(m, null, 2));
}
