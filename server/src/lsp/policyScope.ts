import * as path from 'node:path';
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';

/**
 * Decides which Markdown files are policy documents: those the config's include globs
 * match and its exclude globs do not, plus those whose front matter says `policy: true`
 * (unless excluded). Globs are matched against the path relative to the workspace
 * folder holding the file, as the CLI matches them relative to its working directory.
 */
export class PolicyScope {
  private readonly isIncluded: (p: string) => boolean;
  private readonly isExcluded: (p: string) => boolean;

  constructor(
    private readonly folders: readonly string[],
    include: readonly string[],
    exclude: readonly string[],
  ) {
    this.isIncluded = include.length ? picomatch([...include], { dot: true }) : () => false;
    this.isExcluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  }

  /** The workspace folder (file system path) holding `file`, the innermost one if nested. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const rel = path.relative(f, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  relative(file: string): string {
    const folder = this.folderOf(file);
    const rel = folder ? path.relative(folder, file) : path.basename(file);
    return rel.split(path.sep).join('/');
  }

  /** 'included' by the globs, 'excluded' by them, or 'other' (a policy document only if its front matter says so). */
  classify(file: string): 'included' | 'excluded' | 'other' {
    const rel = this.relative(file);
    if (this.isExcluded(rel)) return 'excluded';
    return this.isIncluded(rel) ? 'included' : 'other';
  }

  /** Whether a document with this URI and text is linted. Untitled Markdown buffers are. */
  isPolicyDocument(uri: string, text: string): boolean {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return parsed.scheme === 'untitled' || hasPolicyFrontMatter(text);
    const kind = this.classify(parsed.fsPath);
    return kind === 'included' || (kind === 'other' && hasPolicyFrontMatter(text));
  }
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const POLICY_TRUE = /^policy[ \t]*:[ \t]*(?:true|True|TRUE)[ \t]*(?:#.*)?$/m;

/** `policy: true` in YAML front matter (YAML 1.2 booleans, as the engine reads them). */
export function hasPolicyFrontMatter(text: string): boolean {
  const m = FRONT_MATTER.exec(text.length > 20_000 ? text.slice(0, 20_000) : text);
  return !!m && POLICY_TRUE.test(m[1]);
}

export function isMarkdownPath(file: string): boolean {
  return /\.(?:md|markdown)$/i.test(file);
}
