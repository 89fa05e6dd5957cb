/**
 * Lighthouse 12.2.3 (mobile, Debian's Chromium) on one page of every public template, three runs each,
 * judged on the median: performance at least 0.95, accessibility, best practices and SEO exactly 1.
 * Run by CI after the tests: `npm run lighthouse`. Haven runs on loopback with a fresh SQLite database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { startServer } from '../src/server.js';

const TEMPLATES: [string, string][] = [
  ['home', '/'],
  ['article', '/articles/ketamine-vs-tms'],
  ['article list', '/articles'],
  ['treatment', '/treatments/tms'],
  ['condition', '/conditions/ptsd'],
  ['comparison', '/compare'],
  ['plain page', '/about'],
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const GATES: Record<(typeof CATEGORIES)[number], number> = {
  performance: 0.95,
  accessibility: 1,
  'best-practices': 1,
  seo: 1,
};
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-lighthouse-'));
  const loaded = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}`,
    LOG_LEVEL: 'warn',
    HAVEN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  if (!loaded.ok) throw new Error(loaded.error);
  const server = await startServer(loaded.config, createLogger({ level: 'warn' }));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.HAVEN_CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
  let failed = 0;
  try {
    console.log(
      `Lighthouse 12.2.3, mobile, median of ${RUNS} runs (gates: performance ≥ 0.95, others = 1)\n`,
    );
    console.log(
      ['template'.padEnd(14), 'path'.padEnd(28), ...CATEGORIES.map((c) => c.padStart(15))].join(' '),
    );
    for (const [name, pathname] of TEMPLATES) {
      const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(`${server.address}${pathname}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${pathname}`);
        for (const category of CATEGORIES)
          scores[category]!.push(result.lhr.categories[category]?.score ?? 0);
        if (run === RUNS - 1) {
          const failing = Object.values(result.lhr.audits)
            .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
            .map((audit) => audit.id);
          if (failing.length) console.log(`  ${pathname}: audits below 1: ${failing.join(', ')}`);
        }
      }
      const medians = CATEGORIES.map((category) => median(scores[category]!));
      const below = CATEGORIES.filter((category, i) => medians[i]! < GATES[category]);
      if (below.length) failed++;
      console.log(
        [
          name.padEnd(14),
          pathname.padEnd(28),
          ...medians.map((score, i) =>
            `${score.toFixed(2)}${medians[i]! < GATES[CATEGORIES[i]!] ? ' ✗' : '  '}`.padStart(15),
          ),
        ].join(' '),
      );
    }
  } finally {
    await chrome.kill();
    await server.shutdown('lighthouse finished');
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(failed ? `\n${failed} template(s) below the gates.` : '\nEvery template meets the gates.');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
