import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import { testClock } from '../helpers/staff.js';

/**
 * Issue 13 in Chromium: the crisis panel leads with its three actions, all on the first screen of a 360×640
 * phone; focus starts on its heading; the header of the panel, the request form, its confirmation and the
 * questionnaires holds only the clinic's name and the crisis line; the clinic's own phone is offered only
 * while someone is there.
 */

const ACTIONS = [
  ['Call 988', 'tel:988'],
  ['Text 988', 'sms:988'],
  ['Call 911', 'tel:911'],
] as const;

async function assertReducedHeader(page: Page, where: string) {
  const header = page.locator('header.site-header');
  assert.equal(await header.getByRole('search').count(), 0, `${where}: no search box`);
  assert.equal(await header.getByRole('navigation').count(), 0, `${where}: no navigation`);
  assert.equal(
    await header.getByRole('link', { name: 'Request an appointment' }).count(),
    0,
    `${where}: no "Request an appointment" button`,
  );
  assert.match(
    await header.innerText(),
    /Haven Demo Clinic[\s\S]*988[\s\S]*911/,
    `${where}: name and crisis line`,
  );
}

/**
 * Sends a request from this page's browser (which makes the screening link its own), then answers PHQ-9's last
 * page with item 9 above 0, as a person who reached it would; the crisis panel then comes first on the next page
 * of questions (decision 017: every page of questions has one address).
 */
async function openPanel(page: Page, origin: string) {
  await page.goto(`${origin}/request-appointment?treatment=tms&location=lakeside`);
  await page.locator('#name').fill('Robin Panel');
  await page.locator('#contact_method').check();
  await page.locator('#phone').fill('312 555 0177');
  await page.locator('#dob').fill('1984-05-06');
  await page.locator('#consent_privacy').check();
  await page.locator('#consent_contact').check();
  await page.locator('#phone').press('Enter');
  await page.waitForURL('**/request-appointment/received');
  await page.goto(`${origin}/screening/questions`);
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const sent = await page.request.post(`${origin}/screening/questions`, {
    form: {
      _csrf: csrf,
      _section: 'phq-9',
      _group: 'phq9-page-3',
      'phq9-7': '0',
      'phq9-8': '0',
      'phq9-9': '1',
      'phq9-difficulty': '0',
    },
    maxRedirects: 0,
  });
  assert.equal(sent.status(), 303, 'the answers were saved');
  await page.goto(`${origin}/screening/questions`);
}

describe('the crisis panel in Chromium', () => {
  // Saturday 28 November 2026, 2 PM in Chicago: every location is closed until Monday.
  const clock = testClock(Date.parse('2026-11-28T20:00:00Z'));
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer({ now: clock.now });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [
    { width: 360, height: 640, name: 'a 360×640 phone' },
    { width: 1280, height: 800, name: 'a desktop' },
  ]) {
    test(`on ${viewport.name}: the three actions lead, on the first screen, and focus starts on the heading`, async (t) => {
      browser ??= await launchBrowser(t);
      if (!browser) return;
      clock.ms = Date.parse('2026-11-28T20:00:00Z');
      const page = await browser.newPage({ viewport });
      const watch = watchPage(page, server.origin);
      await openPanel(page, server.origin);

      const focused = await page.evaluate(() => document.activeElement?.id);
      assert.equal(focused, 'support-title', 'focus is on the panel heading when it opens');
      const main = page.locator('main');
      assert.equal(
        await main.evaluate((element) => element.querySelector('h1, a, button, p')?.id),
        'support-title',
        'the heading comes first in the main content, so it works without script too',
      );

      let lastBottom = 0;
      for (const [name, href] of ACTIONS) {
        const link = main.getByRole('link', { name, exact: true }).first();
        assert.equal(await link.getAttribute('href'), href);
        const box = await link.boundingBox();
        assert.ok(box, `${name} is shown`);
        assert.ok(
          box.y >= 0 && box.y + box.height <= viewport.height,
          `${name} is visible without scrolling`,
        );
        assert.ok(
          box.height >= 44 && box.width >= 120,
          `${name} is a large button (${box.width}×${box.height})`,
        );
        assert.ok(box.y + box.height > lastBottom || viewport.width > 600, `${name} follows the one before`);
        lastBottom = box.y + box.height;
      }
      const goOn = main.getByRole('link', { name: 'Go on with the questions' });
      const goOnBox = await goOn.boundingBox();
      assert.ok(goOnBox && goOnBox.y > lastBottom, '"Go on with the questions" comes after the actions');
      assert.match((await goOn.getAttribute('class')) ?? '', /button-secondary/, 'and is secondary');

      const chat = main.getByRole('link', { name: '988lifeline.org/chat' });
      assert.equal(
        await chat.getAttribute('href'),
        'https://988lifeline.org/chat',
        '988 chat is a link, no embed',
      );
      assert.equal(await page.locator('iframe').count(), 0);
      assert.match(await main.locator('[lang="es"]').innerText(), /988[\s\S]*2[\s\S]*AYUDA/);
      assert.match(await main.innerText(), /741741/);
      assert.doesNotMatch(await main.innerText(), /555-0142/, "closed: the clinic's phone is not offered");
      assert.match(
        await main.innerText(),
        /No one will read this until we open on Monday at 8:00 AM/,
        'says truthfully when someone will read it',
      );

      // From the heading, the keyboard reaches "Call 988" first.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Call 988');

      await assertReducedHeader(page, 'the crisis panel');
      assert.deepEqual(await axeViolations(page), [], 'the crisis panel');
      assert.deepEqual(watch.foreign(), [], 'no third-party requests');
      assert.deepEqual(watch.consoleErrors, []);
      await page.close();
    });
  }

  test("while the clinic is open, the clinic's phone is offered too", async (t) => {
    browser ??= await launchBrowser(t);
    if (!browser) return;
    clock.ms = Date.parse('2026-11-25T16:00:00Z'); // Wednesday 10 AM
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    await openPanel(page, server.origin);
    const main = page.locator('main');
    assert.match(await main.innerText(), /The clinic is open now: call us at \(312\) 555-0142/);
    assert.match(await main.innerText(), /a clinician will try to reach you before we close at 6:00 PM/);
    await page.close();
  });

  test('the request form, its confirmation and the questionnaires carry the reduced header; other pages keep search', async (t) => {
    browser ??= await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
    for (const path of ['/request-appointment', '/request-appointment/received', '/screening']) {
      await page.goto(`${server.origin}${path}`);
      await assertReducedHeader(page, path);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.goto(`${server.origin}/crisis-resources`);
    assert.equal(
      await page.locator('header.site-header').getByRole('search').count(),
      1,
      'other pages keep search',
    );
    await page.close();
  });
});
