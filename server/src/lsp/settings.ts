import { RULES_BY_ID, type SeveritySetting } from '../engine';

/**
 * Editor settings under the `policyLint` section, as the server uses them. Whatever the
 * client sends is validated field by field: a bad value is replaced by its default and
 * a warning names the setting, so one typo never turns the linter off.
 */
export interface PolicyLintSettings {
  /** Publish diagnostics and offer fixes. The workspace is still indexed, for other folders. */
  enable: boolean;
  /** Quiet time after a keystroke before the document is re-analysed. */
  debounceMs: number;
  /** Config file to use instead of searching the folder; absolute or relative to the folder. */
  configPath: string;
  /** Rule severities that override both the defaults and the repository config file. */
  rules: Record<string, SeveritySetting>;
  /** Where rule doc pages live (`<base>/<rule-id>.md`, or a URL with `{id}`); empty for the default. */
  docsBaseUrl: string;
  trace: { server: 'off' | 'messages' | 'verbose' };
  /**
   * Globs of the Markdown files that are policy documents (the VS Code extension's
   * `policyLint.files`), so client and server agree; undefined: the config file's `include`.
   */
  files?: string[];
}

export const DEFAULT_DEBOUNCE_MS = 150;
const MAX_DEBOUNCE_MS = 10_000;
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;

export function defaultSettings(): PolicyLintSettings {
  return { enable: true, debounceMs: DEFAULT_DEBOUNCE_MS, configPath: '', rules: {}, docsBaseUrl: '', trace: { server: 'off' } };
}

/**
 * Turns whatever the client sent into settings. `warn` receives one message per bad
 * value, naming `policyLint.<key>`, the value and the default used instead.
 */
export function validateSettings(raw: unknown, warn: (message: string) => void): PolicyLintSettings {
  const out = defaultSettings();
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`Settings \`policyLint\` should be an object, got ${show(raw)}. Using the defaults.`);
    return out;
  }
  const s = raw as Record<string, unknown>;
  const bad = (key: string, value: unknown, expected: string, fallback: unknown) =>
    warn(`Setting \`policyLint.${key}\` ${expected}, got ${show(value)}. Using ${show(fallback)}.`);

  if (s.enable !== undefined) {
    if (typeof s.enable === 'boolean') out.enable = s.enable;
    else bad('enable', s.enable, 'should be true or false', out.enable);
  }
  if (s.debounceMs !== undefined) {
    const n = s.debounceMs;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= MAX_DEBOUNCE_MS) out.debounceMs = Math.round(n);
    else bad('debounceMs', n, `should be a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}`, out.debounceMs);
  }
  if (s.configPath !== undefined && s.configPath !== null) {
    if (typeof s.configPath === 'string') out.configPath = s.configPath.trim();
    else bad('configPath', s.configPath, 'should be a path', out.configPath);
  }
  if (s.rules !== undefined && s.rules !== null) {
    if (typeof s.rules !== 'object' || Array.isArray(s.rules)) bad('rules', s.rules, 'should map rule ids to severities', {});
    else {
      for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
        const severity = typeof value === 'object' && value !== null ? (value as { severity?: unknown }).severity : value;
        if (!RULES_BY_ID.has(id)) warn(`Setting \`policyLint.rules\` names an unknown rule \`${id}\`; known rules: ${[...RULES_BY_ID.keys()].join(', ')}. Ignoring it.`);
        else if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) out.rules[id] = severity as SeveritySetting;
        else bad(`rules.${id}`, value, `should be one of ${SEVERITIES.map((v) => `"${v}"`).join(', ')}`, 'the configured severity');
      }
    }
  }
  if (s.docsBaseUrl !== undefined && s.docsBaseUrl !== null) {
    const v = s.docsBaseUrl;
    if (typeof v === 'string' && (v.trim() === '' || isUrl(v.trim()))) out.docsBaseUrl = v.trim();
    else bad('docsBaseUrl', v, 'should be an http(s) or file URL', '');
  }
  if (s.files !== undefined && s.files !== null) {
    if (Array.isArray(s.files) && s.files.every((g) => typeof g === 'string' && g.trim())) out.files = (s.files as string[]).map((g) => g.trim());
    else bad('files', s.files, 'should be a list of glob patterns', 'the configuration file\'s `include`');
  }
  if (s.trace !== undefined && s.trace !== null) {
    const level = typeof s.trace === 'object' ? (s.trace as { server?: unknown }).server : undefined;
    if (typeof level === 'string' && (TRACE_LEVELS as readonly string[]).includes(level)) out.trace = { server: level as PolicyLintSettings['trace']['server'] };
    else if (level !== undefined) bad('trace.server', level, 'should be "off", "messages" or "verbose"', 'off');
  }
  return out;
}

function isUrl(v: string): boolean {
  try {
    const u = new URL(v.replace('{id}', 'id'));
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:';
  } catch {
    return false;
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}
