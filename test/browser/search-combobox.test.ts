import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

describe('search suggestions in Chromium', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
    await server.server.app.siteSearch.ready();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the combobox works with the keyboard alone, announces its suggestions and shifts nothing', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page, server.origin);
    await page.goto(`${server.origin}/`);
    await tabTo(page, 'site-search');
    const box = page.getByRole('combobox', { name: 'What would you like to find?' });
    assert.equal(
      await box.evaluate((el) => el === document.activeElement),
      true,
      'reached the search box by Tab',
    );
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    const mainBefore = await page.locator('main').boundingBox();

    await page.keyboard.type('locati');
    const listbox = page.getByRole('listbox', { name: 'Suggested pages' });
    await listbox.waitFor({ state: 'visible' });
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await page.waitForFunction(() =>
      /suggestions?\./.test(document.querySelector('.search-row [role="status"]')?.textContent ?? ''),
    );
    const options = page.getByRole('option');
    assert.match(await options.first().innerText(), /Locations and hours/);
    assert.deepEqual(await page.locator('main').boundingBox(), mainBefore, 'suggestions float over the page');
    assert.deepEqual(await axeViolations(page), [], 'no axe violations with the suggestions open');

    await page.keyboard.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'site-search-option-0');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowUp');
    const last = (await options.count()) - 1;
    assert.equal(
      await box.getAttribute('aria-activedescendant'),
      `site-search-option-${last}`,
      'up from the first wraps',
    );

    await page.keyboard.press('Escape');
    assert.equal(await listbox.isVisible(), false);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.inputValue(), 'locati', 'the first Escape only closes the list');

    await page.keyboard.press('ArrowDown');
    await listbox.waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(`${server.origin}/locations`), page.keyboard.press('Enter')]);

    await page.goto(`${server.origin}/`);
    await tabTo(page, 'site-search');
    await page.keyboard.type('locations');
    await listbox.waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(/\/search\?q=locations$/), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /Search results for “locations”/);
    assert.deepEqual(watch.consoleErrors, []);
    assert.deepEqual(watch.foreign(), []);
  });
});
