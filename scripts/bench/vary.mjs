/**
 * Turns one real policy document into a deterministic variant of it, so a large benchmark
 * corpus has no two byte-identical files (a linter with a content cache could otherwise
 * look faster than it is) and exercises every rule: participant nouns swapped, paragraphs
 * shuffled within their section and some dropped, labels added (a few of them wrong),
 * participation statements about shared programs (so documents agree and disagree with
 * each other) and participation terms written several ways.
 */

/** Participant nouns of the real corpus and the ones a variant may use instead. */
const PARTICIPANTS = [
  ['agency', 'agencies'],
  ['state', 'states'],
  ['local jurisdiction', 'local jurisdictions'],
  ['county', 'counties'],
  ['tribal government', 'tribal governments'],
  ['grantee', 'grantees'],
  ['contractor', 'contractors'],
  ['school district', 'school districts'],
];
const SWAPPABLE = /\b(agenc(?:y|ies)|states?|contractors?|vendors?|participants?)\b/gi;

const PROGRAMS = [
  'Secure Communities', 'Open Data Exchange', 'Code Reuse Initiative', 'Regional Broadband Fund',
  'Clean Fleet Program', 'Community Health Registry', 'Safe Routes Grant', 'Digital Identity Pilot',
  'Emergency Alert Network', 'Water Quality Monitoring', 'Youth Employment Partnership', 'Records Modernization',
];
const ASPECTS = [
  'fingerprint sharing', 'quarterly reporting', 'immigration status notifications', 'the annual audit',
  'data publication', 'the stakeholder calls', 'the shared code inventory', 'the training program',
  'the outcome survey', 'the peer review', 'the pilot evaluation', 'the technical assistance program',
];
const TERM_FAMILIES = [
  ['opt out', 'opt-out', 'optout'],
  ['opt in', 'opt-in', 'optin'],
  ['non-participating', 'nonparticipating'],
  ['non-compliance', 'noncompliance'],
];
const MANDATORY_MODAL = /\b(must|shall|is required to|are required to)\b/i;
const OPTIONAL_MODAL = /\b(may|can choose to|is encouraged to)\b/i;

/** Splits Markdown into blocks separated by blank lines, keeping fenced code blocks whole. */
export function splitBlocks(body) {
  const blocks = [];
  let current = [];
  let fence = null;
  for (const line of body.split('\n')) {
    const marker = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      current.push(line);
      if (marker && marker[1] === fence) fence = null;
      continue;
    }
    if (marker) fence = marker[1];
    if (line.trim() === '' && !fence) {
      if (current.length) blocks.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}

function splitFrontMatter(text) {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? { frontMatter: m[0], body: text.slice(m[0].length) } : { frontMatter: '', body: text };
}

const isHeading = (block) => /^#{1,6}\s/.test(block);
/** Plain prose paragraphs are the only blocks moved or dropped: lists, tables, HTML and code keep their place. */
const isProse = (block) => /^[A-Za-z“"(]/.test(block) && !block.includes('\n|') && !block.startsWith('|');

function matchCase(replacement, original) {
  if (original === original.toUpperCase() && original.length > 1) return replacement.toUpperCase();
  if (original[0] === original[0].toUpperCase()) return replacement[0].toUpperCase() + replacement.slice(1);
  return replacement;
}

function swapParticipants(text, noun) {
  return text.replace(SWAPPABLE, (word) => {
    const plural = /(?:ies|s)$/i.test(word);
    return matchCase(plural ? noun[1] : noun[0], word);
  });
}

/** Adds a label to a paragraph whose first sentence states an obligation or a permission; 1 in 20 gets the wrong one. */
function maybeLabel(block, rng) {
  if (/^\[(Mandatory|Optional)\]/.test(block) || !rng.chance(0.35)) return block;
  const first = block.split(/(?<=[.!?])\s/)[0];
  const mandatory = MANDATORY_MODAL.test(first);
  const optional = !mandatory && OPTIONAL_MODAL.test(first);
  if (!mandatory && !optional) return block;
  const wrong = rng.chance(0.05);
  return `[${mandatory !== wrong ? 'Mandatory' : 'Optional'}] ${block}`;
}

function participationSection(rng, noun, program) {
  const term = (family) => rng.pick(TERM_FAMILIES[family]);
  const aspect = () => rng.pick(ASPECTS);
  const status = () => rng.pick(['voluntary', 'optional', 'mandatory', 'required']);
  const sentences = [
    `Participation in ${aspect()} is ${status()} for ${noun[1]}.`,
    `[Optional] A ${noun[0]} may ${term(0)} of ${aspect()} by writing to the program office.`,
    `[Mandatory] Each ${noun[0]} must report ${term(3)} with ${program} requirements within 30 days.`,
    `${matchCase(noun[1], 'X')} that ${term(1)} to ${aspect()} will receive quarterly guidance.`,
    `${matchCase(noun[1], 'X')} may choose to participate in ${aspect()}.`,
    `A ${term(2)} ${noun[0]} keeps access to ${aspect()}.`,
    `${matchCase(noun[1], 'X')} shall publish the results of ${aspect()} each year.`,
  ];
  rng.shuffle(sentences);
  const heading = rng.pick(['## Participation', '## Optional aspects', '## Mandatory aspects', '## How to opt out', '## Participation (Optional)']);
  return `${heading}\n\n${sentences.slice(0, 3 + rng.int(4)).join(' ')}`;
}

/**
 * One variant of `source`. `keep` is the share of prose paragraphs kept, so the corpus
 * reaches its size target with the requested number of files.
 */
export function varyDocument(source, rng, keep) {
  const { frontMatter, body } = splitFrontMatter(source.replace(/\r\n/g, '\n'));
  const noun = rng.pick(PARTICIPANTS);
  const program = rng.pick(PROGRAMS);
  const blocks = splitBlocks(body);

  // Shuffle and thin runs of prose paragraphs; every other block keeps its order.
  const out = [];
  let run = [];
  const flush = () => {
    rng.shuffle(run);
    for (const b of run) if (rng.chance(keep)) out.push(b);
    run = [];
  };
  for (const block of blocks) {
    if (isProse(block) && !isHeading(block)) {
      run.push(maybeLabel(swapParticipants(block, noun), rng));
    } else {
      flush();
      out.push(isHeading(block) ? block : swapParticipants(block, noun));
    }
  }
  flush();

  // A participation section after a random heading (or at the end).
  const headings = out.map((b, i) => (isHeading(b) ? i : -1)).filter((i) => i >= 0);
  const at = headings.length && rng.chance(0.7) ? rng.pick(headings) : out.length - 1;
  out.splice(at + 1, 0, participationSection(rng, noun, program));

  const fm = frontMatter
    ? frontMatter.replace(/\n---\n$/, `\nprogram: ${program}\n---\n`)
    : `---\nprogram: ${program}\n---\n`;
  return `${fm}\n${out.join('\n\n')}\n`;
}
