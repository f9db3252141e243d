/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './cache';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface OpenBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openWorkbench(url: string): Promise<OpenBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.E2E_HEADED ? false : true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // The clipboard is used to read editor text exactly as the editor holds it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  const close = async () => {
    await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]);
  };
  return { browser, context, page, close };
}
