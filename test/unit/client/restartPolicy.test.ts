import * as assert from 'node:assert/strict';
import { RestartPolicy } from '../../../client/src/restartPolicy';

describe('client: language server restart policy', () => {
  it('restarts up to the limit within the window, then stops; old crashes age out', () => {
    let t = 0;
    const p = new RestartPolicy(3, 1000, () => t);
    assert.deepEqual([p.onCrash(), p.onCrash(), p.onCrash()].map((r) => r.restart), [true, true, true]);
    assert.deepEqual(p.onCrash(), { restart: false, count: 3 });
    t = 1500;
    assert.deepEqual(p.onCrash(), { restart: true, count: 1 });
    p.reset();
    assert.equal(p.onCrash().count, 1);
  });
});
