import * as assert from 'node:assert/strict';
import { copyFixture, removeDir, startServer, type ServerHarness } from './harness';

interface SummaryResult {
  markdown: string;
  rows: Array<{ aspect: string; status: string; locations: Array<{ uri: string; status: string }> }>;
}

describe('protocol: participation summary (policyLint/summary)', function () {
  let dir: string;
  let server: ServerHarness;

  before(async () => {
    dir = copyFixture();
    server = await startServer({ workspace: dir });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('answers with every aspect, its status and linked statements, open edits included', async () => {
    const { uri } = server.open('guidance.md');
    await server.diagnosticsForVersion(uri, 1);
    const result = await server.request<SummaryResult>('policyLint/summary', {});
    assert.ok(result.rows.length > 0);
    const contradictory = result.rows.filter((r) => r.status === 'contradictory');
    assert.ok(contradictory.length > 0, 'the fixture workspace has a cross-file contradiction');
    const files = new Set(contradictory.flatMap((r) => r.locations.map((l) => l.uri.split('/').pop())));
    assert.ok(files.size >= 2, `a contradiction is stated in two files: ${[...files].join(', ')}`);
    assert.match(result.markdown, /^# Participation summary/);
    assert.match(result.markdown, /\]\(file:\/\/\/.*\.md#L\d+\) \((mandatory|optional)\)/);
  });
});
