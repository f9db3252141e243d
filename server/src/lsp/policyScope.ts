import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import { baseName, pathInFolder } from './hostPaths';

/**
 * Decides which Markdown files are policy documents: those the config's include globs
 * match and its exclude globs do not, plus those whose front matter says `policy: true`
 * (unless excluded). Globs are matched against the path relative to the workspace
 * folder holding the file, as the CLI matches them relative to its working directory.
 * Folders and files are URIs (`file:` or a virtual file system's).
 */
export class PolicyScope {
  private readonly isIncluded: (p: string) => boolean;
  private readonly isExcluded: (p: string) => boolean;

  constructor(
    /** Workspace folder URIs. */
    private readonly folders: readonly string[],
    include: readonly string[],
    exclude: readonly string[],
  ) {
    this.isIncluded = include.length ? picomatch([...include], { dot: true }) : () => false;
    this.isExcluded = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  }

  /** The workspace folder (URI) holding `uri`, the innermost one if nested. */
  folderOf(uri: string): string | undefined {
    let best: { folder: string; depth: number } | undefined;
    for (const f of this.folders) {
      const rel = pathInFolder(f, uri);
      // The innermost folder leaves the shortest path inside it.
      if (rel !== undefined && (!best || rel.length < best.depth)) best = { folder: f, depth: rel.length };
    }
    return best?.folder;
  }

  /** Path of `uri` relative to its workspace folder (`/`-separated), or its file name outside every folder. */
  relative(uri: string): string {
    const folder = this.folderOf(uri);
    return (folder && pathInFolder(folder, uri)) || baseName(uri);
  }

  /** 'included' by the globs, 'excluded' by them, or 'other' (a policy document only if its front matter says so). */
  classify(uri: string): 'included' | 'excluded' | 'other' {
    const rel = this.relative(uri);
    if (this.isExcluded(rel)) return 'excluded';
    return this.isIncluded(rel) ? 'included' : 'other';
  }

  /**
   * Whether a document with this URI and text is linted. Untitled Markdown buffers are;
   * a document of another scheme outside every workspace folder (a diff view, a preview of
   * another repository) only when its front matter says so.
   */
  isPolicyDocument(uri: string, text: string): boolean {
    const scheme = URI.parse(uri).scheme;
    if (scheme === 'untitled') return true;
    if (scheme !== 'file' && this.folderOf(uri) === undefined) return hasPolicyFrontMatter(text);
    const kind = this.classify(uri);
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
