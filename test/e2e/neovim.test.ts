/**
 * A second real LSP client: Neovim's built-in client (Debian's neovim 0.7) runs the language
 * server (`node dist/server.js --stdio`) on a copy of the fixture workspace, receives its
 * diagnostics, asks for the code actions of a flagged clause, applies the label fix and sees
 * the finding go away. The Lua side is neovim/collect-diagnostics.lua.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIAGNOSTIC_SOURCE, HOVER, QUICK_FIX, diagnosticsIn, type ExpectedDiagnostic } from './scenarios';
import { NVIM, REPO_ROOT, RESULTS_DIR } from './support/cache';
import { makeRunDir } from './support/workspace';

const SERVER = process.env.E2E_SERVER_JS ? path.resolve(process.env.E2E_SERVER_JS) : path.join(REPO_ROOT, 'dist', 'server.js');
const SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'neovim', 'collect-diagnostics.lua');
const WAIT_MS = 30_000;

interface NvimDiagnostic {
  line: number;
  col: number;
  code: string | null;
  source: string | null;
  severity: number;
  message: string;
}

interface NvimResult {
  errors: string[];
  capabilities?: { codeAction: boolean; hover: boolean };
  events: (
    | { step: 'initial'; complete: boolean; diagnostics: NvimDiagnostic[] }
    | { step: 'codeActions'; line: number; titles: string[] }
    | { step: 'hover'; line: number; text: string }
    | { step: 'afterFix'; applied: string; cleared: boolean; line_text: string; diagnostics: NvimDiagnostic[] }
  )[];
}

/** vim.diagnostic.severity: ERROR=1, WARN=2. */
const SEVERITY = { error: 1, warning: 2 } as const;

interface NvimRequests {
  fix?: { line: number; title: string };
  hover?: { line: number; word: string };
}

function runNeovim(workspace: string, stateDir: string, doc: string, expect: string[], { fix, hover }: NvimRequests = {}): Promise<{ result: NvimResult; output: string }> {
  const out = path.join(stateDir, `nvim-${path.basename(doc)}.json`);
  const env = {
    ...process.env,
    PL_NVIM_SERVER: SERVER,
    PL_NVIM_NODE: process.execPath,
    PL_NVIM_ROOT: workspace,
    PL_NVIM_DOC: path.join(workspace, doc),
    PL_NVIM_EXPECT: expect.join(','),
    PL_NVIM_FIX_LINE: String(fix?.line ?? 0),
    PL_NVIM_FIX_TITLE: fix?.title ?? '',
    PL_NVIM_HOVER_LINE: String(hover?.line ?? 0),
    PL_NVIM_HOVER_WORD: hover?.word ?? '',
    PL_NVIM_TIMEOUT: String(WAIT_MS),
    PL_NVIM_OUT: out,
    // Keep Neovim's state and its LSP log out of the user's home.
    XDG_CONFIG_HOME: path.join(stateDir, 'config'),
    XDG_CACHE_HOME: path.join(stateDir, 'cache'),
    XDG_STATE_HOME: path.join(stateDir, 'state'),
    XDG_DATA_HOME: path.join(stateDir, 'data'),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(NVIM, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${SCRIPT}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // The script bounds its own waits; this only catches a Neovim that hangs.
    const timer = setTimeout(() => child.kill('SIGKILL'), 3 * WAIT_MS + 10_000);
    child.once('error', (e) => reject(new Error(`could not start ${NVIM}: ${e.message}. Run \`npm run e2e:setup\`.`)));
    child.once('exit', () => {
      clearTimeout(timer);
      const lspLog = [path.join(stateDir, 'cache', 'nvim', 'lsp.log'), path.join(stateDir, 'state', 'nvim', 'lsp.log')].find((f) => fs.existsSync(f));
      if (lspLog) output += `\n--- Neovim LSP log ---\n${fs.readFileSync(lspLog, 'utf8').slice(-4000)}`;
      if (!fs.existsSync(out)) return reject(new Error(`Neovim wrote no result. Output:\n${output}`));
      resolve({ result: JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult, output });
    });
  });
}

function explain(result: NvimResult, output: string): string {
  return `Neovim result: ${JSON.stringify(result, null, 1)}\n${output}`;
}

function assertHas(diagnostics: NvimDiagnostic[], d: ExpectedDiagnostic, context: string): void {
  const found = diagnostics.find((x) => x.code === d.rule && x.line === d.line);
  assert.ok(found, `no ${d.rule} diagnostic on line ${d.line}. ${context}`);
  assert.equal(found.source, DIAGNOSTIC_SOURCE, context);
  assert.equal(found.severity, SEVERITY[d.severity], `${d.rule} severity. ${context}`);
  assert.ok(found.message.includes(d.message), `${d.rule} message "${found.message}" should include "${d.message}"`);
}

describe('Policy Lint in Neovim (built-in LSP client)', function () {
  this.timeout(4 * WAIT_MS);
  let run: ReturnType<typeof makeRunDir>;
  let stateDir: string;

  before(function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} does not exist; \`npm run build\` makes it.`);
    run = makeRunDir('nvim');
    stateDir = path.join(run.root, 'nvim-state');
    fs.mkdirSync(stateDir, { recursive: true });
  });

  after(() => {
    // Neovim's results and LSP log, for the report of a failure.
    const kept = path.join(RESULTS_DIR, 'neovim');
    fs.rmSync(kept, { recursive: true, force: true });
    if (fs.existsSync(stateDir)) fs.cpSync(stateDir, kept, { recursive: true, filter: (f) => !f.includes(`${path.sep}data${path.sep}`) });
    run?.remove();
  });

  for (const file of ['strategic-plan.md', 'agreement.md']) {
    it(`receives the diagnostics of ${file}, cross-file contradiction included`, async () => {
      const expected = diagnosticsIn(file);
      const { result, output } = await runNeovim(run.workspace, stateDir, file, expected.map((d) => d.rule));
      const context = explain(result, output);
      assert.deepEqual(result.errors, [], context);
      const initial = result.events.find((e) => e.step === 'initial');
      assert.ok(initial && initial.step === 'initial', context);
      assert.ok(initial.complete, `not every expected rule arrived within ${WAIT_MS} ms. ${context}`);
      for (const d of expected) assertHas(initial.diagnostics, d, context);
      assert.equal(initial.diagnostics.length, expected.length, `exactly the expected diagnostics. ${context}`);
    });
  }

  it(`offers "${QUICK_FIX.title}" as a code action and the fix clears the finding`, async () => {
    const { result, output } = await runNeovim(run.workspace, stateDir, QUICK_FIX.file, [QUICK_FIX.rule], { fix: { line: QUICK_FIX.line, title: QUICK_FIX.title } });
    const context = explain(result, output);
    assert.deepEqual(result.errors, [], context);
    assert.ok(result.capabilities?.codeAction, `the server should advertise code actions. ${context}`);
    const actions = result.events.find((e) => e.step === 'codeActions');
    assert.ok(actions && actions.step === 'codeActions', context);
    for (const title of [QUICK_FIX.title, ...QUICK_FIX.otherTitles]) assert.ok(actions.titles.includes(title), `code actions ${JSON.stringify(actions.titles)} lack "${title}"`);
    const after = result.events.find((e) => e.step === 'afterFix');
    assert.ok(after && after.step === 'afterFix', `no fix was applied. ${context}`);
    assert.equal(after.applied, QUICK_FIX.title, context);
    assert.equal(after.line_text, QUICK_FIX.after);
    assert.ok(after.cleared, `missing-label stayed on line ${QUICK_FIX.line} after the fix. ${context}`);
  });

  it('explains a participation term on hover', async () => {
    const expected = diagnosticsIn(HOVER.file).map((d) => d.rule);
    const { result, output } = await runNeovim(run.workspace, stateDir, HOVER.file, expected, { hover: { line: HOVER.line, word: HOVER.word } });
    const context = explain(result, output);
    assert.deepEqual(result.errors, [], context);
    const hover = result.events.find((e) => e.step === 'hover');
    assert.ok(hover && hover.step === 'hover', context);
    // Neovim 0.7 asks for Markdown; emphasis marks are not part of what is checked.
    const text = hover.text.replace(/[*`]/g, '');
    for (const part of HOVER.expect) assert.ok(text.includes(part), `hover "${hover.text}" lacks "${part}"`);
  });
});
