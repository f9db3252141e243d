import * as assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { copyFixture, removeDir, SERVER_JS, startServer, type ServerHarness } from './harness';

/** Polls a condition about another process (which sends no messages) until it holds or the time is up. */
async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('protocol: lifecycle and robustness', function () {
  let dirs: string[] = [];
  let server: ServerHarness | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    for (const d of dirs) removeDir(d);
    dirs = [];
  });
  const scratch = () => {
    const d = copyFixture();
    dirs.push(d);
    return d;
  };

  it('exits with code 0 after shutdown and exit', async () => {
    server = await startServer({ workspace: scratch() });
    const code = await server.stop();
    assert.equal(code, 0);
  });

  it('exits with code 1 when stdin closes without a shutdown', async () => {
    server = await startServer({ workspace: scratch() });
    const exited = new Promise<number | null>((r) => server!.proc.once('exit', r));
    server.proc.stdin!.end();
    assert.equal(await exited, 1);
  });

  it('runs over Node IPC, as the VS Code client starts it', async () => {
    const dir = scratch();
    const child = fork(SERVER_JS, ['--node-ipc'], { silent: true });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: PublishDiagnosticsParams[] = [];
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.push(p);
    });
    conn.listen();
    try {
      const folder = URI.file(dir).toString();
      const init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: {} });
      assert.equal((init as { capabilities: { textDocumentSync: { change: number } } }).capabilities.textDocumentSync.change, 2, 'incremental sync');
      await conn.sendNotification('initialized', {});
      const uri = URI.file(path.join(dir, 'guidance.md')).toString();
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: fs.readFileSync(path.join(dir, 'guidance.md'), 'utf8') } });
      await eventually(() => published.some((p) => p.uri === uri && p.version === 1 && p.diagnostics.length === 7), 'diagnostics over IPC');
      const exited = new Promise((r) => child.once('exit', r));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      child.kill();
    }
  });

  it('exits when its parent process dies (IPC)', async () => {
    // A stand-in for the extension host: forks the server over IPC, reports its pid, then is killed.
    const parentScript = `const cp = require('child_process').fork(${JSON.stringify(SERVER_JS)}, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] }); console.log(cp.pid); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.on('data', (d) => (out += String(d)));
    await eventually(() => /^\d+\s/.test(out), 'the server pid');
    const serverPid = Number(out.trim());
    try {
      assert.ok(alive(serverPid));
      parent.kill('SIGKILL');
      await eventually(() => !alive(serverPid), 'the orphaned server to exit', 3000);
    } finally {
      if (alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  });

  it('survives malformed documents: each gets diagnostics, the server keeps answering', async () => {
    server = await startServer({ workspace: scratch() });
    const docs: Record<string, string> = {
      'unclosed-front-matter.md': '---\ntemplate: guidance\nStates must comply.\n',
      'bad-yaml.md': '---\ntemplate: [guidance\n\tprogram: : :\n---\n# Title\n\nStates must comply.\n',
      'binaryish.md': 'States \u0000must\u0001 comply.\n\uD800 lone surrogate, \uFFFF, \u202E reversed.\n',
      'long-line.md': `# Long\n\n${'States must comply and may opt out. '.repeat(6000)}\n`,
      'deep-list.md': Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- [Optional] States may item ${i}`).join('\n'),
      'wide-table.md': `| ${Array.from({ length: 500 }, (_, i) => `c${i}`).join(' | ')} |\n|${' --- |'.repeat(500)}\n| ${Array.from({ length: 500 }, () => 'States must').join(' | ')} |\n`,
      'only-markers.md': '[Mandatory]\n[Optional]\n## (Mandatory)\n<!-- policy-lint-disable\n- \n> [Optional] must\n```\n',
      'empty.md': '',
    };
    for (const [name, text] of Object.entries(docs)) server.open(name, text);
    for (const name of Object.keys(docs)) {
      const p = await server.waitForDiagnostics(server.uri(name), (x) => x.version === 1);
      assert.equal(p.diagnostics.some((d) => d.code === 'internal-error'), false, `${name}: ${JSON.stringify(p.diagnostics.find((d) => d.code === 'internal-error'))}`);
    }
    const badYaml = server.diagnostics.get(server.uri('bad-yaml.md'))!.diagnostics.find((d) => d.code === 'front-matter');
    assert.ok(badYaml, 'invalid front matter is reported');
    assert.equal(badYaml.severity, 1);
    assert.match(String(badYaml.message), /Front matter is not valid YAML/);
    assert.ok(badYaml.range.start.line >= 1 && badYaml.range.start.line <= 2, `front matter problem on its line, got ${badYaml.range.start.line}`);
    const hover = await server.request('textDocument/hover', { textDocument: { uri: server.uri('long-line.md') }, position: { line: 2, character: 28 } });
    assert.match(JSON.stringify(hover), /participation term/, 'still answering');
    const stats = await server.request('policyLint/stats', null);
    assert.equal(stats.documents.open, Object.keys(docs).length);
    assert.equal(server.proc.exitCode, null);
  });

  it('indexes a large workspace with progress, then reports the count', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-lsp-large-'));
    dirs.push(dir);
    for (let i = 0; i < 60; i++) {
      fs.mkdirSync(path.join(dir, `area-${i % 6}`), { recursive: true });
      fs.writeFileSync(path.join(dir, `area-${i % 6}`, `policy-${i}.md`), `# Policy ${i}\n\nStates should report incidents within ${i + 1} days.\n`);
    }
    fs.mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'dep', 'README.md'), 'States must not be indexed.\n');
    server = await startServer({ workspace: dir });
    const indexed = await server.waitForNotification('policyLint/indexed');
    assert.equal(indexed.documents, 60);
    assert.equal(indexed.filesSeen, 60, 'excluded folders are not even listed');
    assert.equal(server.progressTokens.length, 1);
    const token = server.progressTokens[0];
    const kinds = server.notifications.filter((n) => n.method === '$/progress' && n.params.token === token).map((n) => n.params.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(kinds.filter((k) => k === 'report').length >= 1);
    // Every indexed file with findings is published, without being opened.
    assert.equal([...server.diagnostics.values()].filter((p) => p.diagnostics.some((d) => d.code === 'missing-label')).length, 60);
    const stats = await server.request('policyLint/stats', null);
    assert.equal(stats.documents.indexed, 60);
    assert.ok(stats.memory.rss > 0);
  });

  it('answers requests while a large workspace is being indexed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-lsp-busy-'));
    dirs.push(dir);
    const body = Array.from({ length: 40 }, (_, i) => `[Mandatory] States must file report ${i} every quarter. Jurisdictions may opt-out of review ${i}.`).join('\n\n');
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(dir, `doc-${i}.md`), `# Doc ${i}\n\n${body}\n`);
    server = await startServer({ workspace: dir, waitForIndex: false });
    let indexed = false;
    void server.waitForNotification('policyLint/indexed', () => true, 20_000).then(() => (indexed = true));
    const answers: boolean[] = [];
    while (!indexed) answers.push((await server.request('policyLint/stats', null)).indexing);
    assert.ok(answers.includes(true), `a request was answered during indexing (${answers.length} answers)`);
    assert.equal((await server.request('policyLint/stats', null)).documents.indexed, 400);
  });
});
