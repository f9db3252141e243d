import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module = require('node:module');

const BUNDLE = path.resolve(__dirname, '../../../../dist/client.js');

/**
 * The extension bundle must load with nothing but `vscode` provided by the host: a
 * dependency esbuild could not follow (jsonc-parser's UMD build did this) only shows up
 * as "Cannot find module" when VS Code activates the extension.
 */
describe('client bundle', () => {
  it('dist/client.js loads with only the vscode module external and exports activate/deactivate', () => {
    assert.ok(fs.existsSync(BUNDLE), 'dist/client.js is missing: run `npm run build` first');
    const stub: object = new Proxy(function () {}, { get: () => stub, apply: () => stub, construct: () => stub as object });
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    const required: string[] = [];
    loader._load = function (request: string, ...rest: unknown[]) {
      required.push(request);
      if (request === 'vscode') return stub;
      return original.call(this, request, ...rest);
    };
    try {
      delete require.cache[BUNDLE];
      const ext = require(BUNDLE);
      assert.equal(typeof ext.activate, 'function');
      assert.equal(typeof ext.deactivate, 'function');
    } finally {
      loader._load = original;
    }
    const external = required.filter((r) => !r.startsWith('node:') && !Module.builtinModules.includes(r) && r !== BUNDLE);
    assert.deepEqual([...new Set(external)], ['vscode'], 'only vscode and Node built-ins are required at run time');
  });
});
