/**
 * Starts and stops code-server (VS Code's server and web workbench, with a real Node extension
 * host) from the cache made by scripts/e2e/setup.mjs.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER_ENTRY, NODE24, requireCache } from './cache';
import { startLogged, stopGroup, tail, type Started } from './process';

const run = promisify(execFile);

/** Settings for a quiet, deterministic workbench. */
export const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  // The workspace is our own fixture; trust it so the extension runs without a prompt.
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.lightbulb.enabled': 'on',
  'editor.quickSuggestionsDelay': 0,
  // Suggestions come when asked for (Ctrl+Space), so typing is never interrupted by chance.
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.wordBasedSuggestions': 'off',
};

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  process: Started;
  stop(): Promise<void>;
}

export function prepareProfile(root: string, settings: Record<string, unknown> = WORKBENCH_SETTINGS): CodeServerDirs {
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { userDataDir, extensionsDir };
}

/** `code-server --install-extension`, as a user installs a .vsix. Returns its output. */
export async function installExtension(vsix: string, dirs: CodeServerDirs): Promise<string> {
  requireCache();
  const args = [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix];
  try {
    const { stdout, stderr } = await run(NODE24, args, { timeout: 120_000 });
    const output = `${stdout}${stderr}`;
    if (!/successfully installed/i.test(output)) throw new Error(`code-server did not confirm the install:\n${output}`);
    return output;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`Installing ${vsix} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('error', () => resolve(false));
    request.setTimeout(2000, () => request.destroy());
  });
}

/** Starts code-server on 127.0.0.1 with a free port and resolves once it answers /healthz. */
export async function startCodeServer(workspace: string, dirs: CodeServerDirs, log: string, timeoutMs = 60_000): Promise<RunningCodeServer> {
  requireCache();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir,
    workspace,
  ];
  const started = startLogged(NODE24, args, log, { env: { ...process.env, VSCODE_PROXY_URI: '' } });
  let exitedEarly: number | string | undefined;
  void started.exited.then((code) => (exitedEarly = code));
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(url))) {
    if (exitedEarly !== undefined) throw new Error(`code-server exited (${exitedEarly}) before it was ready:\n${tail(log)}`);
    if (Date.now() > deadline) {
      await stopGroup(started);
      throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${tail(log)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, process: started, stop: () => stopGroup(started) };
}
