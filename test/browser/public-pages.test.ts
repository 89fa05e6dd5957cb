import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
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
    // The exact sentence a person reads (issue 3), whatever links it carries.
    assert.equal(
      await page.locator('footer .crisis-notice').textContent(),
      'If you are in crisis, call or text 988, or call 911.',
    );
    assert.match(await page.locator('.demo-banner').innerText(), /demonstration site/);
  });

  test('on a 360 px phone the comparison does not push the page sideways, and its table is readable', async (t) => {
    if (!browser) return skipOrFail(t, 'no browser (reported by the first test)');
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const response = await page.goto(`${server.origin}/compare`, { waitUntil: 'load' });
    assert.equal(response?.status(), 200);
    assert.ok(
      (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360,
      'no horizontal scrolling of the whole page',
    );
    const table = page.getByRole('table', { name: 'Ketamine infusion therapy and TMS compared' });
    const fits = await table.evaluate((element) => element.scrollWidth <= window.innerWidth);
    if (!fits) {
      // Too wide for the screen: it scrolls sideways inside a named region that a keyboard can reach.
      const region = page.getByRole('region', { name: 'Ketamine infusion therapy and TMS compared' });
      assert.equal(await region.count(), 1, 'the table sits in a labelled region');
      const scrolls = await region.evaluate(
        (element) =>
          element.scrollWidth > element.clientWidth &&
          ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) &&
          element.getBoundingClientRect().right <= window.innerWidth,
      );
      assert.ok(scrolls, 'the region scrolls sideways within the screen');
      let reached = false;
      for (let presses = 0; presses < 60 && !reached; presses += 1) {
        await page.keyboard.press('Tab');
        reached = await region.evaluate((element) => element === document.activeElement);
      }
      assert.ok(reached, 'Tab reaches the region');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        () => (document.querySelector('.table-scroll') as HTMLElement).scrollLeft > 0,
      );
    }
    assert.deepEqual(await axeViolations(page), [], 'axe accepts the table and its region');
  });

  test('with JavaScript off, the search box submits to /search and keeps the words typed', async (t) => {
    if (!browser) return skipOrFail(t, 'no browser (reported by the first test)');
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

/**
 * The whole public site, crawled from the home page on each engine as a first-time visitor would see it. The
 * markup checks (axe, HTML validity) depend on the views, not on the engine, and were most of this suite's
 * time: they run on the first engine only; every engine checks that each page answers, loads nothing foreign,
 * stays light and is reachable.
 */
for (const engine of ENGINES) {
  const markupChecks = engine === ENGINES[0];
  describe(`the public site crawled from / [${engine}]`, () => {
    let server: LiveServer | undefined;
    let browser: Browser | undefined;
    after(async () => {
      await browser?.close();
      await server?.stop();
    });

    test(`every page answers 200,${markupChecks ? ' passes axe and HTML validity,' : ''} loads nothing foreign and weighs under 60 KB`, async (t) => {
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
          if (markupChecks) {
            for (const v of await axeViolations(page))
              problems.push(`${path}: axe ${v.id} at ${v.nodes.join(', ')}`);
            const html = await (await page.request.get(`${server!.origin}${path}`)).text();
            problems.push(...(await htmlValidityErrors(html, path)));
          }
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
      // A floor, so an empty site cannot pass: the bundled content's published pages are all reached.
      const reached = (pattern: RegExp) => crawled.filter((p) => p.status === 200 && pattern.test(p.path));
      assert.ok(reached(/^\/articles\/[^/?]+$/).length >= 8, 'at least 8 articles');
      assert.ok(reached(/^\/conditions\/[^/?]+$/).length >= 5, 'at least 5 conditions');
      assert.ok(reached(/^\/treatments\/[^/?]+$/).length >= 2, 'at least 2 treatments');
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

    if (!markupChecks) return;
    test('pages no link leads to (search results, did you mean, no results, a 404, the form with errors) pass axe and HTML validity', async (t) => {
      if (!browser || !server) return skipOrFail(t, 'the crawl did not run');
      const origin = server.origin;
      const problems: string[] = [];
      const check = async (label: string, page: Page, response: Response | null) => {
        assert.ok(response, `${label}: no response`);
        for (const v of await axeViolations(page))
          problems.push(`${label}: axe ${v.id} at ${v.nodes.join(', ')}`);
        problems.push(...(await htmlValidityErrors(await response.text(), label)));
      };
      const visit = async (path: string, expectedStatus: number) => {
        const page = await (await browser!.newContext()).newPage();
        const watch = watchPage(page, origin);
        const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        assert.equal(response?.status(), expectedStatus, path);
        await check(path, page, response);
        for (const url of watch.foreign()) problems.push(`${path}: asked another origin for ${url}`);
        return page;
      };

      const results = await visit('/search?q=ketamine', 200);
      assert.ok((await results.locator('.search-results li').count()) >= 1, 'ketamine finds pages');
      // "ketamin" shares its stem with "ketamine", so it finds pages at once; a real typo gets "Did you mean".
      const stem = await visit('/search?q=ketamin', 200);
      assert.ok((await stem.locator('.search-results li').count()) >= 1, 'ketamin finds pages');
      const typo = await visit('/search?q=ketamne', 200);
      assert.equal(await typo.locator('.did-you-mean a').textContent(), 'ketamine');
      const nothing = await visit('/search?q=zzzzqqq', 200);
      assert.equal(await nothing.locator('h1').textContent(), 'Nothing found for “zzzzqqq”');
      const missing = await visit('/no-such-page', 404);
      assert.equal(await missing.locator('h1').textContent(), 'We could not find that page');

      // The request form sent empty: the same page again, with its error summary and each field's error.
      const form = await visit('/request-appointment', 200);
      const [sent] = await Promise.all([
        form.waitForResponse((r) => r.request().method() === 'POST'),
        form.getByRole('button', { name: 'Send my request' }).click(),
      ]);
      await form.locator('.error-summary').waitFor();
      assert.ok((await form.locator('.error-summary a').count()) >= 2, 'the summary lists the errors');
      await check('/request-appointment (sent empty)', form, sent);

      assert.deepEqual(problems, []);
    });
  });
}
