/**
 * The floor: the least work any Markdown linter must do. Reads every .md file under the
 * given folders and runs one regex for modal verbs over it; prints the file and match
 * counts as JSON. Nothing parses Markdown, so no real linter can be faster than this.
 *
 *   node scripts/bench/floor.mjs FOLDER...
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const MODAL = /\b(?:must|shall|should|may|required to|will)\b/gi;

let files = 0;
let matches = 0;
for (const dir of process.argv.slice(2)) {
  for (const rel of fs.readdirSync(dir, { recursive: true })) {
    if (!String(rel).endsWith('.md')) continue;
    const text = fs.readFileSync(path.join(dir, String(rel)), 'utf8');
    files++;
    for (const _ of text.matchAll(MODAL)) matches++;
  }
}
process.stdout.write(`${JSON.stringify({ files, matches })}\n`);
