import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Me } from '../common/contracts/auth.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'Linli@2026';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A port nobody listens on right now (the OS picks; we release it for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type RunningServer = { baseURL: string; dataDir: string; stop: () => Promise<void> };

/**
 * Starts `linli start` as a child process on a free port with a fresh embedded database, which the
 * first start migrates and seeds with the demo district. Resolves once /api/health answers.
 */
export async function startServer({ timeoutMs = 200_000 } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, 'server/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG: '0',
      // Every journey signs in from 127.0.0.1; the default of 10 a minute would be the test's limit, not the app's.
      LOGIN_RATE_LIMIT: '100',
      DATABASE_URL: '',
      // POST /api/test/run-jobs: runs the posting scheduler as of a given time ("the window closes").
      LINLI_TEST_HOOKS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) return { baseURL, dataDir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output}`);
}

/** Debian's Chromium, headless, in a fresh profile (Playwright creates and removes a temporary one). */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  return browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
  });
}

/** Collects uncaught page errors and console errors, so a journey can assert the app stayed healthy. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every failed fetch (our expected 401/404s) as an error; those are not app faults.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
      errors.push(`console: ${m.text()}`);
    if (m.type() === 'warning' && /antd|Warning:/.test(m.text())) errors.push(`warning: ${m.text()}`);
  });
  return { errors };
}

/** Signs in through the login page, as a user would. */
export async function login(page: Page, phone: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByPlaceholder('请输入手机号').fill(phone);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByTestId('login-submit').click();
}

/** The page's full scroll width: anything above the viewport width means sideways scrolling. */
export async function scrollWidth(page: Page): Promise<number> {
  return Number(await page.evaluate('document.documentElement.scrollWidth'));
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Fonts and chart animations settle before the picture is taken.
  // Evaluated as a string: this file is type-checked without DOM types.
  await page.evaluate('document.fonts.ready');
  // From the top: a sticky header would otherwise be drawn wherever the page was scrolled to.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** A signed-in API client for looking things up behind the UI's back (ids of demo records). */
export async function apiSession(baseURL: string, phone: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = (await res.json()) as Me;
  return {
    me,
    get: async <T>(p: string): Promise<{ status: number; body: T }> => {
      const r = await fetch(`${baseURL}${p}`, { headers: { cookie } });
      return { status: r.status, body: (await r.json()) as T };
    },
  };
}

/** Runs the server's posting jobs (publish, close and credit) as if the clock read `at`. */
export async function runJobsAt(baseURL: string, at: Date) {
  const res = await fetch(`${baseURL}/api/test/run-jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at: at.toISOString() }),
  });
  if (!res.ok) throw new Error(`run-jobs failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { published: number; closed: number; credited: number };
}

/** A locator's text (textContent, not layout-dependent innerText), '' when it has none. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}
