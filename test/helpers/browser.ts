import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestContext } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { skipOrFail } from './strict.js';

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and checks that any page test
 * can run: axe-core for accessibility, and a record of every request so a foreign origin fails the test.
 */

export const CHROMIUM_PATH = process.env.HAVEN_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A browser, or undefined after the test was skipped (or failed, in strict mode) because none is installed. */
export async function launchBrowser(t: TestContext): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    skipOrFail(t, `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`);
    return undefined;
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page against WCAG 2.0–2.2 A and AA rules. The script is evaluated through the
 * DevTools protocol, which the page's Content-Security-Policy does not govern, so the policy stays strict.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected above, and has no types in the page.
    const axe = (window as any).axe;
    const results = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return results.violations.map(
      (v: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }),
    );
  });
}

export interface PageWatch {
  /** Every URL the page asked for. */
  requests: string[];
  /** Requests to any origin but the server's own. */
  foreign(): string[];
  /** Requests that failed or answered 400 or more. */
  failures: string[];
  consoleErrors: string[];
}

/** Starts recording what a page does: its requests, failed requests and console errors (CSP reports included). */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = {
    requests: [],
    failures: [],
    consoleErrors: [],
    foreign: () => watch.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')),
  };
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('requestfailed', (request) =>
    watch.failures.push(`${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) watch.failures.push(`${response.url()} ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  return watch;
}
