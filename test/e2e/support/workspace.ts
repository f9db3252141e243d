/** Fresh copies of the fixture workspace, so a test's edits never reach the repository. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_WORKSPACE } from '../scenarios';

/** A temp folder holding `workspace/` (a copy of the fixtures) and room for editor state beside it. */
export function makeRunDir(prefix: string): { root: string; workspace: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `policy-lint-${prefix}-`));
  const workspace = path.join(root, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  return {
    root,
    workspace,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
