import * as assert from 'node:assert/strict';
import { unifiedDiff } from '../../../server/src/cli/diff';

describe('cli: unified diff for --fix-dry-run', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'a/x', 'b/x'), '');
  });

  it('shows changed lines with three lines of context, in separate hunks when far apart', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const now = [...old];
    now[1] = 'LINE 2';
    now[17] = 'LINE 18';
    assert.equal(
      unifiedDiff(`${old.join('\n')}\n`, `${now.join('\n')}\n`, 'a/x.md', 'b/x.md'),
      [
        '--- a/x.md',
        '+++ b/x.md',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+LINE 2',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+LINE 18',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('handles inserted and removed lines', () => {
    assert.equal(unifiedDiff('a\nb\nc\n', 'a\nx\nb\n', 'o', 'n'), ['--- o', '+++ n', '@@ -1,3 +1,3 @@', ' a', '+x', ' b', '-c', ''].join('\n'));
    assert.equal(unifiedDiff('', 'new\n', 'o', 'n'), ['--- o', '+++ n', '@@ -0,0 +1,1 @@', '+new', ''].join('\n'));
  });
});
