import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { crawlSite } from '../helpers/crawl.js';
import { htmlValidityErrors } from '../helpers/html-validity.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

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
    const search = page.getByRole('searchbox', { name: 'What would you like to find?' });
    assert.equal(await search.count(), 1);
    const crisis = await page.locator('footer .crisis-notice').innerText();
    assert.match(crisis, /If you are in crisis, call or text 988 .*, or call 911\./);
    assert.match(await page.locator('.demo-banner').innerText(), /demonstration site/);
  });

  test('the search box submits to /search and keeps the words typed, using the keyboard alone', async (t) => {
    if (!browser) return t.skip('no browser (reported by the first test)');
    const page = await browser.newPage();
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

  test('every page reachable from / answers 200 and passes axe and HTML validity', async (t) => {
    if (!browser) return t.skip('no browser (reported by the first test)');
    const page = await browser.newPage();
    const watch = watchPage(page, server.origin);
    const problems: string[] = [];
    const crawled = await crawlSite(page, server.origin, {
      visit: async (path, visited) => {
        for (const v of await axeViolations(visited))
          problems.push(`${path}: axe ${v.id} at ${v.nodes.join(', ')}`);
        const html = await (await visited.request.get(`${server.origin}${path}`)).text();
        problems.push(...(await htmlValidityErrors(html, path)));
      },
    });
    const broken = crawled.filter((p) => p.status !== 200).map((p) => `${p.path} answered ${p.status}`);
    assert.deepEqual(broken, []);
    assert.deepEqual(problems, []);
    assert.ok(crawled.length >= 6, `crawled only ${crawled.map((p) => p.path).join(', ')}`);
    assert.deepEqual(watch.foreign(), []);
    assert.deepEqual(watch.consoleErrors, []);
  });
});
