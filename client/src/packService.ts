import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadPacks, readSnippetFile, type KnownSnippet, type PackCandidate, type PackLoadResult, type PackProblem, type PackReader, where } from '../../server/src/packs';
import { PACK_DIAGNOSTICS } from './commandIds';
import { discoverPacksAt, isInside, resolveConfiguredPath } from './packDiscovery';

const EMPTY: PackLoadResult = { packs: [], failed: [], problems: [], templates: {} };

export const nodeReader: PackReader = {
  readFile: (p) => fs.promises.readFile(p, 'utf8'),
  realPath: (p) => fs.promises.realpath(p),
};

/** A configured path left out, and why. */
export interface SkippedPath {
  path: string;
  reason: string;
}

/**
 * Finds, loads and watches snippet packs: `.policy-packs/<pack>/` folders and
 * `*.policypack.json` files in the workspace, and the paths of `policyLint.snippetPacks.paths`.
 * Problems go to the Problems view (collection `policy-lint-packs`) and the output channel.
 */
export class PackService implements vscode.Disposable {
  private current: PackLoadResult = EMPTY;
  private skippedPaths: SkippedPath[] = [];
  private readonly changed = new vscode.EventEmitter<PackLoadResult>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection(PACK_DIAGNOSTICS);
  readonly builtin: KnownSnippet[];
  private readonly subscriptions: vscode.Disposable[] = [];
  private settingsWatchers: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const builtinFile = context.asAbsolutePath('snippets/policy.code-snippets');
    const builtin = readSnippetFile(fs.readFileSync(builtinFile, 'utf8'), builtinFile);
    for (const p of builtin.problems) log.error(p.message);
    this.builtin = builtin.snippets.map((s) => ({ name: s.name, prefixes: s.prefixes }));

    const workspaceWatcher = vscode.workspace.createFileSystemWatcher('**/{.policy-packs/**,*.policypack.json}');
    for (const event of [workspaceWatcher.onDidCreate, workspaceWatcher.onDidChange, workspaceWatcher.onDidDelete]) {
      this.subscriptions.push(event(() => this.scheduleReload()));
    }
    this.subscriptions.push(
      workspaceWatcher,
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyLint.snippetPacks.paths')) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload()),
    );
  }

  get result(): PackLoadResult {
    return this.current;
  }

  get skipped(): readonly SkippedPath[] {
    return this.skippedPaths;
  }

  scheduleReload(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reload(), 300);
  }

  /** Reloads every pack. Calls during a load run once more after it, never concurrently. */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        await this.loadOnce().catch((e) => this.log.error(`Loading snippet packs failed: ${(e as Error).stack ?? e}`));
      } while (this.again);
    })().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async loadOnce(): Promise<void> {
    const candidates: PackCandidate[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const inFolder = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '.policy-packs/*/policy-pack.json'));
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.policypack.json'), '**/node_modules/**');
      for (const uri of [...inFolder, ...files].sort((a, b) => a.fsPath.localeCompare(b.fsPath))) candidates.push({ manifestPath: uri.fsPath, origin: 'workspace' });
    }
    const { entries, skipped } = this.configuredPaths();
    this.skippedPaths = skipped;
    for (const s of skipped) this.log.warn(`Snippet pack path ${s.path} ignored: ${s.reason}`);
    for (const entry of entries) {
      const found = await discoverPacksAt(entry);
      if (found.problem) {
        this.skippedPaths.push({ path: entry, reason: found.problem });
        this.log.warn(`policyLint.snippetPacks.paths: ${found.problem}`);
      }
      for (const m of found.manifests) candidates.push({ manifestPath: m, origin: 'settings' });
    }
    this.watchConfigured(entries);

    const result = await loadPacks(candidates, nodeReader, { builtin: this.builtin });
    this.current = result;
    this.publish(result.problems);
    this.log.info(`Snippet packs: ${result.packs.length} loaded (${result.packs.reduce((n, p) => n + p.snippets.length, 0)} snippets, ${Object.keys(result.templates).length} templates), ${result.failed.length} not loaded.`);
    for (const p of result.problems) (p.severity === 'error' ? this.log.error : this.log.warn).call(this.log, p.message);
    this.changed.fire(result);
  }

  /**
   * Configured pack paths, resolved. In an untrusted workspace, paths outside the workspace
   * folders are ignored (VS Code already ignores the workspace's own value of the setting).
   */
  private configuredPaths(): { entries: string[]; skipped: SkippedPath[] } {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const raw = vscode.workspace.getConfiguration('policyLint').get<unknown>('snippetPacks.paths', []);
    const list = Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
    const entries: string[] = [];
    const skipped: SkippedPath[] = [];
    for (const p of list) {
      const abs = resolveConfiguredPath(p.trim(), folders[0], os.homedir());
      if (!vscode.workspace.isTrusted && !isInside(abs, folders)) skipped.push({ path: abs, reason: 'the workspace is not trusted and the path is outside it.' });
      else if (!entries.includes(abs)) entries.push(abs);
    }
    return { entries, skipped };
  }

  /** Watches configured paths outside the workspace too (the workspace watcher covers the rest). */
  private watchConfigured(entries: string[]): void {
    for (const w of this.settingsWatchers) w.dispose();
    this.settingsWatchers = [];
    for (const entry of entries) {
      let base = entry;
      try {
        if (fs.statSync(entry).isFile()) base = path.dirname(entry);
      } catch {
        base = path.dirname(entry); // not there yet: watch for it to appear
      }
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(base), '**/*'));
      const reload = () => this.scheduleReload();
      this.settingsWatchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
  }

  /** Shows pack problems in the Problems view, on the files they are in. */
  publish(problems: readonly PackProblem[], replaceAll = true): void {
    if (replaceAll) this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      const r = p.range ? new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character) : new vscode.Range(0, 0, 0, 0);
      // The message without its `file:line:col:` prefix: the Problems view shows the place already.
      const prefix = `${where(p.source, p.range)}: `;
      const text = p.message.startsWith(prefix) ? p.message.slice(prefix.length) : p.message;
      const d = new vscode.Diagnostic(r, text, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = PACK_DIAGNOSTICS;
      byFile.set(p.source, [...(byFile.get(p.source) ?? []), d]);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.settingsWatchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
