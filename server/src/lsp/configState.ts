import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { defaultConfig, mergeConfig, type InputProblem, type ResolvedConfig, type RuleSetting, type TemplateDefinition } from '../engine';
import type { ServerHost } from './host';
import { configFromRead, findConfigFileIn, type ConfigFileRead } from './hostConfig';
import { CONFIG_FILE_NAMES } from './hostConfigNames';
import { baseName, displayUri, resolvePathSetting } from './hostPaths';
import type { Logger } from './log';
import { PolicyScope } from './policyScope';
import { defaultSettings, validateSettings, type PolicyLintSettings } from './settings';

export interface WorkspaceFolderState {
  /** The folder's URI (`file:`, or a virtual file system's in the browser). */
  uri: string;
  name: string;
  settings: PolicyLintSettings;
}

/**
 * Editor settings (pulled per workspace folder with `workspace/configuration`, or pushed
 * with `didChangeConfiguration` by clients that cannot be asked) and the repository
 * config file, merged: the defaults are the base, the config file overrides them, and
 * rule severities set in the editor override both.
 *
 * All folders form one project (contradictions are found across folders), and a project
 * has one configuration: the first folder's. Another folder with its own config file is
 * reported in the log.
 */
export class ConfigState {
  folders: WorkspaceFolderState[] = [];
  /** Settings for documents outside every workspace folder. */
  globalSettings: PolicyLintSettings = defaultSettings();
  resolved: ResolvedConfig = { config: defaultConfig(), registryLocations: new Map() };
  problems: InputProblem[] = [];
  /** URI of the config file in use, if any (one that exists, even if it could not be read). */
  configFile: string | undefined;
  scope = new PolicyScope([], defaultConfig().include, defaultConfig().exclude);
  /** `initializationOptions.settings` (or the options themselves): settings before any pull. */
  initialSettings: unknown;
  /** Settings pushed with `workspace/didChangeConfiguration`, for clients without `workspace/configuration`. */
  pushedSettings: unknown;
  /** Section templates from the client's snippet packs; under the config file's own templates. */
  private packTemplates: Record<string, TemplateDefinition> = {};
  private key = '';

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly log: Logger,
    private readonly canPullSettings: boolean,
  ) {}

  /** Takes the workspace folders the host can read; others are left out, with a log line. */
  setFolders(folders: Array<{ uri: string; name: string }>): void {
    for (const f of folders) {
      if (!this.host.canRead(f.uri)) this.log.once('warn', `folder-scheme:${f.uri}`, `Workspace folder ${f.uri} is not on a file system this server can read; its files are linted only when opened.`);
    }
    this.folders = folders
      .filter((f) => this.host.canRead(f.uri))
      .map((f) => ({ uri: URI.parse(f.uri).toString(), name: f.name, settings: this.folders.find((o) => o.uri === URI.parse(f.uri).toString())?.settings ?? defaultSettings() }));
  }

  settingsFor(uri: string): PolicyLintSettings {
    const folder = this.scope.folderOf(uri);
    if (folder === undefined && URI.parse(uri).scheme !== 'file') return this.folders[0]?.settings ?? this.globalSettings;
    return this.folders.find((f) => f.uri === folder)?.settings ?? this.globalSettings;
  }

  /** Re-reads settings and the config file. Returns true when the project's configuration changed. */
  async refresh(): Promise<boolean> {
    await this.loadSettings();
    const primary = this.folders[0];
    const settings = primary?.settings ?? this.globalSettings;
    const file = await this.configFileFor(primary?.uri, settings);
    const base = defaultConfig();
    base.templates = { ...base.templates, ...this.packTemplates };
    const read = configFromRead(file, base);
    const rules: Record<string, RuleSetting> = {};
    for (const [id, severity] of Object.entries(settings.rules)) rules[id] = { severity };
    const resolved: ResolvedConfig = { ...read.resolved, config: mergeConfig(read.resolved.config, { rules }) };
    await this.reportOtherFolderConfigs(file?.uri);

    const key = JSON.stringify([resolved.config, resolved.sourceUri, [...resolved.registryLocations], read.problems, settings.files]);
    const changed = key !== this.key;
    this.key = key;
    this.resolved = resolved;
    this.problems = read.problems;
    this.configFile = file && (file.result.ok || file.result.reason !== 'missing') ? file.uri : undefined;
    // The editor's `files` globs, when it sends them, decide like the client does; else the config's `include`.
    this.scope = new PolicyScope(this.folders.map((f) => f.uri), settings.files ?? resolved.config.include, resolved.config.exclude);
    if (changed) {
      this.log.info(file ? `Configuration: ${displayUri(file.uri)}${this.configFile ? '' : ' (missing)'}` : 'Configuration: defaults (no config file found)');
      for (const p of read.problems) (p.severity === 'error' ? this.log.error.bind(this.log) : this.log.warn.bind(this.log))(p.message);
    }
    return changed;
  }

  /**
   * Takes the templates snippet packs define. Malformed ones are logged and left out; the
   * rest apply from the next `refresh`.
   */
  setPackTemplates(raw: unknown): void {
    const out: Record<string, TemplateDefinition> = {};
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
      this.log.warn(`Snippet pack templates should be an object of templates by name, got ${JSON.stringify(raw)?.slice(0, 80)}. Ignoring them.`);
    } else {
      for (const [name, t] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
        const sections = (t as { sections?: unknown } | null)?.sections;
        const valid =
          Array.isArray(sections) &&
          sections.every((x) => typeof x?.name === 'string' && x.name.trim() && (x.aliases === undefined || (Array.isArray(x.aliases) && x.aliases.every((a: unknown) => typeof a === 'string'))));
        if (!valid) {
          this.log.warn(`Snippet pack template "${name}" should have \`sections\`: a list of { name, aliases? }. Ignoring it.`);
          continue;
        }
        const description = (t as { description?: unknown }).description;
        out[name] = {
          ...(typeof description === 'string' ? { description } : {}),
          sections: (sections as Array<{ name: string; aliases?: string[] }>).map((x) => ({ name: x.name.trim(), ...(x.aliases ? { aliases: x.aliases } : {}) })),
        };
      }
    }
    this.packTemplates = out;
  }

  /** Whether a URI is a config file the server reads or would read if it appeared. */
  isConfigFile(uri: string): boolean {
    const settings = this.folders[0]?.settings ?? this.globalSettings;
    if (settings.configPath) return URI.parse(uri).toString() === this.configPathUri(this.folders[0]?.uri, settings.configPath);
    return CONFIG_NAMES.has(baseName(uri));
  }

  private configPathUri(folder: string | undefined, configPath: string): string | undefined {
    const uri = resolvePathSetting(configPath, folder);
    if (!uri) this.log.once('warn', `configPath:${configPath}`, `Setting \`policyLint.configPath\` is relative ("${configPath}") but no workspace folder is open. Using the defaults.`);
    return uri;
  }

  /** The config file to use, read: `policyLint.configPath` when set, else the first config file in the folder. */
  private async configFileFor(folder: string | undefined, settings: PolicyLintSettings): Promise<ConfigFileRead | undefined> {
    if (settings.configPath) {
      const uri = this.configPathUri(folder, settings.configPath);
      return uri ? { uri, result: await this.host.readTextFile(uri) } : undefined;
    }
    return folder ? findConfigFileIn(this.host, folder) : undefined;
  }

  private async loadSettings(): Promise<void> {
    const warn = (m: string) => this.log.once('warn', `setting:${m}`, m);
    const base = settingsObject(this.initialSettings);
    if (!this.canPullSettings) {
      const pushed = settingsObject(this.pushedSettings);
      const all = validateSettings({ ...base, ...pushed }, warn);
      this.globalSettings = all;
      for (const f of this.folders) f.settings = all;
      return;
    }
    const items = [{ section: 'policyLint' }, ...this.folders.map((f) => ({ scopeUri: f.uri, section: 'policyLint' }))];
    let values: unknown[] = [];
    try {
      values = await this.connection.workspace.getConfiguration(items);
    } catch (e) {
      this.log.warn(`Could not read the editor settings (${(e as Error).message}). Using the defaults.`);
    }
    this.globalSettings = validateSettings({ ...base, ...settingsObject(values[0]) }, warn);
    this.folders.forEach((f, i) => (f.settings = validateSettings({ ...base, ...settingsObject(values[i + 1] ?? values[0]) }, warn)));
  }

  private async reportOtherFolderConfigs(used: string | undefined): Promise<void> {
    for (const f of this.folders.slice(1)) {
      const own = (await findConfigFileIn(this.host, f.uri))?.uri;
      if (own && own !== used) {
        this.log.once('warn', `folder-config:${own}`, `${displayUri(own)}: all workspace folders are analysed as one project with the configuration of the first folder (${used ? displayUri(used) : 'defaults'}); this file is not used.`);
      }
    }
  }
}

const CONFIG_NAMES = new Set(CONFIG_FILE_NAMES);

/** `initializationOptions` may carry settings as `{ settings: {...} }`, `{ policyLint: {...} }` or directly. */
function settingsObject(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  const inner = o.policyLint ?? o.settings;
  if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as Record<string, unknown>;
  return o;
}
