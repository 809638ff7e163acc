// Real Chromium (Debian's package) driven by playwright-core, and axe-core
// for WCAG 2.1 A/AA checks. When Chromium is missing outside CI, browser
// tests are skipped with a visible message instead of failing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestApp } from './app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** null when Chromium can be used; otherwise why the browser tests are skipped. */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped (install Debian's "chromium" package; .ci/run does)`;
  console.warn(`\n⚠ ${reason}\n`);
  if (process.env.CI) throw new Error(`${reason} — required in CI`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Serves the test app on a loopback port; returns its port. */
export async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

// Code passed to page.evaluate runs in the browser; the server's type-check has no DOM library.
declare const document: unknown;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.0/2.1 A and AA violations on the page, as readable lines (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content Security Policy does not govern:
  // pages are tested under their real policy (no bypassCSP), so a blocked style or script shows.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A public page as the public site promises it: no script, no WCAG violation (axe-core), no horizontal scrolling at the width. */
export async function publicPageProblems(page: Page): Promise<string[]> {
  const problems = (await page.locator('script').count()) > 0 ? ['a script on a public page'] : [];
  problems.push(...(await axeViolations(page)));
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  if (overflow > 0) problems.push(`horizontal scrolling (${overflow}px too wide)`);
  return problems;
}

/** Signs in through the back-office form (as a person would) and waits for the back-office home. */
export async function signInPage(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('Địa chỉ thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}/admin`);
}

/** Pages in separate browser contexts (separate people) on one site, signed in as a demo role when asked. */
export interface BrowserSession {
  newPage(width?: number): Promise<Page>;
  /** A new person signed in as `<slug>@<site key>.localhost` (the demo accounts). */
  signIn(slug: string): Promise<Page>;
  close(): Promise<void>;
}

/** Collects what the browser reports as blocked by the Content Security Policy on a page. */
export function watchCsp(page: Page): string[] {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blocked.push(`${page.url()}: ${message.text()}`);
  });
  return blocked;
}

export function browserSession(browser: Browser, base: string, siteKey: string, password: string): BrowserSession {
  const contexts: BrowserContext[] = [];
  const blocked: string[][] = [];
  const newPage = async (width = 1280) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    blocked.push(watchCsp(page));
    return page;
  };
  return {
    newPage,
    async signIn(slug) {
      const page = await newPage();
      await signInPage(page, base, `${slug}@${siteKey}.localhost`, password);
      return page;
    },
    async close() {
      for (const c of contexts) await c.close();
      // Whatever the pages did, nothing may have been blocked by the site's own policy.
      assert.deepEqual(blocked.flat(), [], 'the Content Security Policy blocked something');
    },
  };
}

/** Fails the test with axe-core's findings when the page has WCAG 2.1 A/AA violations. */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `${label}: axe-core`);
}
