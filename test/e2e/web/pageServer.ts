/**
 * The test page of the browser-build tests: a local http server serving a blank page, the
 * page harness (web/pageHarness.ts, bundled here with esbuild for the browser) and
 * dist/web/*.js, and Chromium opened on it. Used by web.test.ts and web/measure.ts.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../support/browser';
import { CHROMIUM, REPO_ROOT } from '../support/cache';

export interface PageSite {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

async function bundleHarness(): Promise<string> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'test', 'e2e', 'web', 'pageHarness.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    conditions: ['browser'],
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'silent',
  });
  return bundle.outputFiles[0].text;
}

function serve(harnessJs: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>Policy Lint web worker test</title><script src="/harness.js"></script>');
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (url.pathname === '/harness.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(harnessJs);
    } else if (/^\/dist\/web\/[\w.-]+\.js(?:\.map)?$/.test(url.pathname) && fs.existsSync(path.join(REPO_ROOT, url.pathname))) {
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.map') ? 'application/json' : 'text/javascript' }).end(fs.readFileSync(path.join(REPO_ROOT, url.pathname)));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Bundles the harness, serves the page and launches Chromium; fails early, saying what is missing. */
export async function openPageSite(): Promise<PageSite> {
  const serverJs = path.join(REPO_ROOT, 'dist', 'web', 'server.js');
  if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\` first.`);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium (${CHROMIUM}) is missing: run \`npm run e2e:setup\` first.`);
  const server = await serve(await bundleHarness());
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  return {
    url: `http://127.0.0.1:${port}/`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
