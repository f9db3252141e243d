import picomatch from 'picomatch';

/**
 * Which Markdown files are policy documents: those matched by the `policyLint.files` globs
 * (relative to their workspace folder) and any whose front matter says `policy: true`.
 * Pure (no vscode import) so it is unit-tested; the extension feeds it documents.
 */
export const DEFAULT_POLICY_GLOBS = ['**/*.policy.md', '**/policies/**/*.md', '**/policy/**/*.md'];

export interface DocumentFacts {
  languageId: string;
  /** `file`, `untitled`, … */
  scheme: string;
  /** Path relative to the workspace folder, or the absolute path for a file outside any folder; `/` separated. */
  path?: string;
  text: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/** YAML 1.2 core schema booleans, as the engine's YAML parser reads them. */
const POLICY_TRUE = /^policy[ \t]*:[ \t]*(?:true|True|TRUE)[ \t]*(?:#.*)?$/m;

/** Whether the text opens with front matter that sets `policy: true` at its top level. */
export function hasPolicyFrontMatter(text: string): boolean {
  const m = FRONT_MATTER.exec(text.length > 65536 ? text.slice(0, 65536) : text);
  return !!m && POLICY_TRUE.test(m[1]);
}

export class PolicyDocumentMatcher {
  private readonly match: (path: string) => boolean;

  constructor(readonly globs: string[] = DEFAULT_POLICY_GLOBS) {
    const valid = globs.filter((g) => typeof g === 'string' && g.trim());
    this.match = valid.length ? picomatch(valid, { dot: true, nocase: process.platform === 'win32' }) : () => false;
  }

  matchesPath(path: string): boolean {
    // Globs are relative; a path outside every workspace folder is matched without its root.
    const p = path.replace(/\\/g, '/').replace(/^[a-zA-Z]:/, '').replace(/^\/+/, '');
    return this.match(p);
  }

  isPolicyDocument(doc: DocumentFacts): boolean {
    if (doc.languageId !== 'markdown') return false;
    if (doc.scheme !== 'file' && doc.scheme !== 'untitled') return false;
    if (doc.scheme === 'file' && doc.path !== undefined && this.matchesPath(doc.path)) return true;
    return hasPolicyFrontMatter(doc.text);
  }
}
