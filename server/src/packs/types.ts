import type { InputProblem, Range } from '../engine/types';
import type { TemplateDefinition } from '../engine/config/types';

/** Where a pack was found: in the workspace, or through `policyLint.snippetPacks.paths`. */
export type PackOrigin = 'workspace' | 'settings';

/**
 * A pack to load: the path of its `policy-pack.json` (a pack folder) or of a single
 * `*.policypack.json` file. Hosts find candidates; the loader reads and checks them.
 */
export interface PackCandidate {
  manifestPath: string;
  origin: PackOrigin;
}

/**
 * File access, supplied by the host (the extension, the language server, a test), so the
 * loader itself does no I/O and runs anywhere. `readFile` rejects when the file cannot be read.
 * `realPath`, when given, resolves symbolic links so a link inside a pack cannot lead out of it.
 */
export interface PackReader {
  readFile(path: string): Promise<string>;
  realPath?(path: string): Promise<string>;
}

export interface PackSnippet {
  /** The snippet's key in its file. */
  name: string;
  prefixes: string[];
  /** The body, lines joined with `\n`, in VS Code snippet syntax. */
  body: string;
  description?: string;
  /** File the snippet is defined in (a `.code-snippets` file or the `*.policypack.json`). */
  file: string;
  /** Range of the snippet's key in that file. */
  range?: Range;
}

export interface SnippetPack {
  name: string;
  version: string;
  description: string;
  origin: PackOrigin;
  /** The pack folder, or the `*.policypack.json` file for a single-file pack. */
  location: string;
  manifestPath: string;
  kind: 'folder' | 'file';
  snippets: PackSnippet[];
  templates: Record<string, TemplateDefinition>;
  /** Warnings about this pack (prefix conflicts…); errors make a pack fail instead. */
  problems: PackProblem[];
}

/** A pack that could not be loaded, with the reasons. */
export interface FailedPack {
  manifestPath: string;
  origin: PackOrigin;
  /** The name, if the manifest got far enough to say it. */
  name?: string;
  problems: PackProblem[];
}

/** A problem in a pack; `source` is the file path, `message` starts with `file:line:column:`. */
export interface PackProblem extends InputProblem {
  /** Manifest path of the pack the problem belongs to. */
  pack: string;
}

/** A snippet VS Code already offers (the extension's built-in snippets), for conflict checks. */
export interface KnownSnippet {
  name: string;
  prefixes: string[];
}

export interface PackLoadResult {
  packs: SnippetPack[];
  failed: FailedPack[];
  /** Every problem, errors of failed packs and warnings of loaded ones, in load order. */
  problems: PackProblem[];
  /** Templates of all loaded packs; the first pack (in load order) to define a name wins. */
  templates: Record<string, TemplateDefinition>;
}
