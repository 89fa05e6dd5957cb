import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { crawlSite } from '../helpers/crawl.js';
import { ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { htmlValidityErrors } from '../helpers/html-validity.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import { skipOrFail } from '../helpers/strict.js';

describe('public pages in Chromium', () => {
  let server: LiveServer;
  let browser: Browser | undefined;

  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the home page is accessible, valid, self-contained and shows the clinic', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const watch = watchPage(page, server.origin);
    const response = await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200);

    assert.deepEqual(await axeViolations(page), [], 'axe found accessibility violations');
    assert.deepEqual(await htmlValidityErrors(await response!.text(), '/'), []);
    assert.deepEqual(watch.foreign(), [], 'the page asked another origin for something');
    assert.deepEqual(watch.failures, []);
    assert.deepEqual(watch.consoleErrors, [], 'console errors (a CSP violation shows here)');

    assert.equal(await page.title(), 'Haven Demo Clinic');
    await page.getByRole('link', { name: 'Request an appointment' }).first().waitFor();
    // With JavaScript on, the search box is enhanced into a combobox (see search-combobox.test.ts).
    const search = page.getByRole('combobox', { name: 'What would you like to find?' });
    assert.equal(await search.count(), 1);
    const crisis = await page.locator('footer .crisis-notice').innerText();
    assert.match(crisis, /If you are in crisis, call or text 988 .*, or call 911\./);
    assert.match(await page.locator('.demo-banner').innerText(), /demonstration site/);
  });

  test('with JavaScript off, the search box submits to /search and keeps the words typed', async (t) => {
    if (!browser) return t.skip('no browser (reported by the first test)');
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(`${server.origin}/`);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    const search = page.getByRole('searchbox', { name: 'What would you like to find?' });
    await search.focus();
    await page.keyboard.type('ketamine <b>');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    assert.equal(await page.locator('#search-page-query').inputValue(), 'ketamine <b>');
  });
});

/** The whole public site, crawled from the home page on each engine as a first-time visitor would see it. */
for (const engine of ENGINES) {
  describe(`the public site crawled from / [${engine}]`, () => {
    let server: LiveServer | undefined;
    let browser: Browser | undefined;
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test('every page answers 200, passes axe and HTML validity, loads nothing foreign and weighs under 60 KB', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      browser = await launchBrowser(t);
      if (!browser) return;
      server = await startLiveServer({ engine });
      const problems: string[] = [];
      const crawled = await crawlSite(browser, server.origin, {
        visit: async (path, page, watch) => {
          for (const v of await axeViolations(page))
            problems.push(`${path}: axe ${v.id} at ${v.nodes.join(', ')}`);
          const html = await (await page.request.get(`${server!.origin}${path}`)).text();
          problems.push(...(await htmlValidityErrors(html, path)));
          for (const url of watch.foreign()) problems.push(`${path}: asked another origin for ${url}`);
          for (const failure of watch.failures) problems.push(`${path}: request failed: ${failure}`);
          for (const error of watch.consoleErrors) problems.push(`${path}: console error: ${error}`);
        },
      });
      const broken = crawled.filter((p) => p.status !== 200).map((p) => `${p.path} answered ${p.status}`);
      assert.deepEqual(broken, [], 'no broken internal link');
      assert.deepEqual(problems, []);
      const heavy = crawled
        .filter((p) => p.transferBytes >= 60 * 1024)
        .map((p) => `${p.path}: ${p.transferBytes} bytes`);
      assert.deepEqual(heavy, [], 'every page under 60 KB on a first visit');

      const paths = new Set(crawled.map((p) => p.path));
      const sitemap = await (await fetch(`${server.origin}/sitemap.xml`)).text();
      const published = [...sitemap.matchAll(/<loc>[^<]*?(\/[^<]*)<\/loc>/g)].map(
        (m) => new URL(m[0].slice(5, -6)).pathname,
      );
      const unreached = published.filter((path) => !paths.has(path));
      assert.deepEqual(unreached, [], 'every published page is reachable by links from the home page');
      t.diagnostic(
        `crawled ${crawled.length} pages; heaviest ${Math.max(...crawled.map((p) => p.transferBytes))} bytes`,
      );
    });
  });
}
