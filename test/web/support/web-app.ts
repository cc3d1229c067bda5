import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { SqliteEventStore } from '#event-store';
import { loadDemo } from '../../../apps/cli/src/demo.js';
import { loadConfig } from '../../../apps/api/src/config/app-config.js';
import { OFFICE } from '../../support/fixtures.js';
import { TestApp, type Api, type Caller } from '../../support/harness.js';

export const ROOT = resolve(__dirname, '../../..');
export const ARTIFACTS = join(ROOT, 'test/artifacts');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
const WEB_DIST = join(ROOT, 'web/dist/index.html');

/** The machine's Chromium; a browser is never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

/**
 * `npm test` builds the board first; a lone `jest test/web` builds it when it is missing
 * (asynchronously, so the hook's timeout still applies).
 */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(WEB_DIST)) return;
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, timeout: 120_000 },
  );
}

/** The real API on a random port, serving web/dist, with the 2023 demo plan loaded up to `now`. */
export async function startDemoApp(now = new Date().toISOString()): Promise<TestApp> {
  await ensureWebBuilt();
  const dataDir = TestApp.tempDir();
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteEventStore.open(loadConfig({ DATA_DIR: dataDir }).eventsDbPath);
  try {
    await loadDemo(store, now);
  } finally {
    await store.close();
  }
  return TestApp.start({ dataDir });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface SignedInPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * A fresh browser context signed in as `caller` (the token the API's CLI would mint, put
 * where the sign-in page puts it), in Chinese, the browser's clock in `timezoneId`.
 */
export async function signedInPage(
  browser: Browser,
  app: TestApp,
  caller: Caller,
  viewport = { width: 1280, height: 900 },
  timezoneId = 'Asia/Shanghai',
): Promise<SignedInPage> {
  const token = await app.token(caller);
  const context = await browser.newContext({
    baseURL: app.running.url,
    viewport,
    locale: 'zh-CN',
    timezoneId,
    deviceScaleFactor: 1,
  });
  // A string script: this file is type-checked without the DOM library.
  await context.addInitScript({
    content: `if (!localStorage.getItem('chessboard.token')) localStorage.setItem('chessboard.token', ${JSON.stringify(token)});`,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/**
 * Saves a full-page screenshot to test/artifacts/<name>.png for review. With
 * UPDATE_SCREENSHOTS=1 (`npm run screenshots`) the README's pictures are refreshed too.
 */
export async function saveShot(page: Page, name: string, readmeName?: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (readmeName && process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(SCREENSHOTS, `${readmeName}.png`));
  }
  return path;
}

/** The page's own horizontal overflow (a scrolling table inside it does not count). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
}

/** What the browser specs read of a task over the API to pick one and check what the page did. */
export interface TaskSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly revision: number;
}

export interface DemoInBrowser {
  readonly app: TestApp;
  readonly browser: Browser;
  /** The office's API client, to set up and check what the browser shows. */
  readonly office: Api;
  /** A page signed in as `caller` (see signedInPage). */
  signIn(
    caller: Caller,
    viewport?: { width: number; height: number },
    timezoneId?: string,
  ): Promise<SignedInPage>;
}

/**
 * The demo app and Chromium for a describe block: both start (side by side) before its tests
 * and close after them. Read the fields inside tests, once the hooks have run.
 */
export function demoInBrowser(): DemoInBrowser {
  let started: { app: TestApp; browser: Browser; office: Api } | undefined;
  const get = () => {
    if (!started) throw new Error('the demo app is not started (read it inside a test)');
    return started;
  };

  beforeAll(async () => {
    const [app, browser] = await Promise.all([startDemoApp(), launchChromium()]);
    started = { app, browser, office: await app.client(OFFICE) };
  });

  afterAll(async () => {
    await started?.browser.close();
    await started?.app.stop();
  });

  return {
    get app() {
      return get().app;
    },
    get browser() {
      return get().browser;
    },
    get office() {
      return get().office;
    },
    signIn: (caller, viewport, timezoneId) =>
      signedInPage(get().browser, get().app, caller, viewport, timezoneId),
  };
}
