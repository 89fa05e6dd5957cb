import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/**
 * Search that hears distress (issue 13), with the keyboard alone on a 360 px phone and on a desktop: crisis
 * words bring help first in the suggestions as you type and on the results page, above the results and above
 * "nothing found"; the page also works with JavaScript off.
 */

const HEADING = 'If you are thinking about suicide or hurting yourself, you can talk to someone now.';
const HELP_CHOICES = ['Call 988', 'Text 988', 'Call 911', 'Crisis resources'];
const VIEWPORTS = [
  { name: 'a 360 px phone', width: 360, height: 780 },
  { name: 'a desktop', width: 1280, height: 900 },
];

/** Tab to the header search box, type the words, and wait for the suggestions. */
async function typeInSearch(page: Page, words: string) {
  await tabTo(page, 'site-search');
  await page.keyboard.type(words);
  const listbox = page.getByRole('listbox', { name: 'Suggested pages' });
  await listbox.waitFor({ state: 'visible' });
  return listbox;
}

/** The results page's crisis block, heading and results, top to bottom as laid out. */
async function layout(page: Page) {
  const top = async (selector: string) => {
    const element = page.locator(selector);
    return (await element.count()) ? (await element.first().boundingBox())?.y : undefined;
  };
  return {
    crisis: await top('.crisis-answer'),
    h1: await top('main h1'),
    results: await top('.search-results'),
  };
}

describe('search that hears distress, in Chromium', () => {
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

  for (const viewport of VIEWPORTS) {
    test(`on ${viewport.name}, keyboard alone: help is the first choice as you type, and first on the results page`, async (t) => {
      browser ??= await launchBrowser(t);
      if (!browser) return;
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const watch = watchPage(page, server.origin);

      await page.goto(`${server.origin}/`);
      const listbox = await typeInSearch(page, 'sucidal thoughts');
      const group = listbox.getByRole('group', { name: HEADING });
      await group.waitFor({ state: 'visible' });
      const options = page.getByRole('option');
      assert.deepEqual((await options.allInnerTexts()).slice(0, 4), HELP_CHOICES, 'help comes first');
      assert.ok((await options.count()) > 4, 'the pages found follow');
      assert.equal(await group.getByRole('option').count(), 4, 'the four choices are the labelled group');
      await page.waitForFunction(
        (heading) =>
          (document.querySelector('.search-row [role="status"]')?.textContent ?? '').startsWith(heading),
        HEADING,
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow} px)`);
      assert.deepEqual(await axeViolations(page), [], 'no axe violations with help in the suggestions');

      await page.keyboard.press('ArrowDown');
      const box = page.getByRole('combobox', { name: 'What would you like to find?' });
      assert.equal(await box.getAttribute('aria-activedescendant'), 'site-search-option-0');
      assert.equal(await options.first().innerText(), 'Call 988', 'the first arrow press reaches "Call 988"');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('[aria-selected="true"]').innerText(), 'Crisis resources');
      await Promise.all([page.waitForURL(`${server.origin}/crisis-resources`), page.keyboard.press('Enter')]);

      // Enter with no choice made searches: the results page answers with help above the results.
      await page.goto(`${server.origin}/`);
      await typeInSearch(page, 'suicidal thoughts');
      await Promise.all([page.waitForURL(/\/search\?q=suicidal\+thoughts$/), page.keyboard.press('Enter')]);
      const region = page.getByRole('region', { name: HEADING });
      assert.equal(await region.isVisible(), true);
      const found = await layout(page);
      assert.ok(found.crisis! < found.h1! && found.h1! < found.results!, JSON.stringify(found));
      const links = region.getByRole('link');
      assert.deepEqual(
        await links.evaluateAll((all) => all.map((a) => [a.textContent, a.getAttribute('href')])),
        [
          ['call', 'tel:988'],
          ['text 988', 'sms:988'],
          ['911', 'tel:911'],
          ['More ways to get help now', '/crisis-resources'],
        ],
      );
      // From the skip link, the first stop in the page is a way to call 988, before any result.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('href')),
        'tel:988',
        'the first Tab in the page reaches "Call 988"',
      );
      assert.deepEqual(await axeViolations(page), [], 'no axe violations on the results page');

      // Nothing found: help still comes first, above "Nothing found".
      await page.goto(`${server.origin}/`);
      const alone = await typeInSearch(page, 'i want to die');
      assert.deepEqual(
        await alone.getByRole('option').allInnerTexts(),
        HELP_CHOICES,
        'help even with no pages',
      );
      await Promise.all([page.waitForURL(/\/search\?q=i\+want\+to\+die$/), page.keyboard.press('Enter')]);
      assert.match(await page.locator('main h1').innerText(), /^Nothing found for/);
      const nothing = await layout(page);
      assert.ok(nothing.crisis! < nothing.h1!, 'help is above "Nothing found"');
      assert.deepEqual(await axeViolations(page), [], 'no axe violations when nothing is found');

      assert.deepEqual(watch.consoleErrors, []);
      assert.deepEqual(watch.foreign(), []);
      for (const word of ['sucidal', 'suicidal', 'thoughts', 'die']) {
        assert.ok(!server.logs.text.includes(word), `"${word}" never reaches the log`);
      }
      await context.close();
    });
  }

  // page.evaluate waits for ever with JavaScript off, so this test reaches the box as public-pages.test.ts
  // does and leaves axe to the tests above, which check these same pages.
  test('with JavaScript off, the results page alone shows help above "nothing found"', async (t) => {
    browser ??= await launchBrowser(t);
    if (!browser) return;
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 780 },
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page.getByRole('searchbox', { name: 'What would you like to find?' }).first().focus();
    await page.keyboard.type('selfharm');
    await Promise.all([page.waitForURL(/\/search\?q=selfharm$/), page.keyboard.press('Enter')]);
    const region = page.getByRole('region', { name: HEADING });
    assert.equal(await region.isVisible(), true);
    assert.equal(await region.getByRole('link', { name: 'Call 988' }).getAttribute('href'), 'tel:988');
    assert.match(await page.locator('main h1').innerText(), /^Nothing found for/);
    const shown = await layout(page);
    assert.ok(shown.crisis! < shown.h1!, 'help is above "Nothing found"');
    await context.close();
  });
});
