import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { answerItem9, personWithRequest } from '../../src/screening/test-person.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, launchBrowser } from '../helpers/browser.js';
import { signedInStaffPage, tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/**
 * Issue 13 in Chromium: the staff home, inbox, request page and screening results fit a 360 px phone and
 * a 768 px tablet without sideways scrolling, with zero axe violations; on a phone the inbox's first row
 * shows without scrolling past the filters; a clinician records an urgent outcome with the keyboard alone;
 * a refusal is a staff page with the staff navigation.
 */

const PHONE = { width: 360, height: 740 };
const TABLET = { width: 768, height: 1024 };

async function fitsWidth(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
    // What sticks out, to say where the sideways scroll comes from.
    wide: [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}#${element.id}`),
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `${what}: ${scrollWidth} px wide in a ${innerWidth} px window (${wide.join(', ')})`,
  );
}

describe('the clinician’s side in Chromium, on a phone and a tablet', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  let requestId = '';
  before(async () => {
    server = await startLiveServer();
    // The tests' own helpers send the requests and answers through the server's forms.
    const testApp = { app: server.server.app, db: { handle: server.server.database } } as unknown as TestApp;
    const flagged = await personWithRequest(testApp, {
      name: 'Maximiliana Bartholomew-Featherstonehaugh',
      message: `Please call. ${'A-very-long-unbroken-word-'.repeat(8)}`,
    });
    requestId = flagged.requestId;
    await answerItem9(flagged.person, '2');
    for (const name of ['Sam Other', 'Lee Third']) await personWithRequest(testApp, { name });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every staff page fits a phone and a tablet, with zero axe violations', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await signedInStaffPage(browser, server, ['clinician']);
    const paths = [
      '/staff',
      '/staff/requests',
      `/staff/requests/${requestId}`,
      `/staff/requests/${requestId}/screening`,
    ];
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['tablet', TABLET],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const path of paths) {
        await page.goto(`${server.origin}${path}`);
        await fitsWidth(page, `${path} on a ${size}`);
        assert.deepEqual(await axeViolations(page), [], `${path} on a ${size}`);
      }
    }

    await page.setViewportSize(PHONE);
    await page.goto(`${server.origin}/staff/requests`);
    // The first request's name (its link, its urgent tag) shows on the first screen, above the fold.
    const first = await page.locator('tbody tr').first().locator('.inbox-name').boundingBox();
    assert.ok(first, 'the inbox has a first row');
    assert.ok(
      first.y + first.height <= PHONE.height,
      `the first request ends at ${first.y + first.height} px, below a ${PHONE.height} px screen`,
    );
    // The filters are one tap away, and still work without JavaScript.
    await page.getByText('Filter and search').click();
    await page.getByLabel('Name or phone').fill('Sam');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('link', { name: 'Sam Other' }).waitFor();
    await fitsWidth(page, 'the inbox with its filters open');
    assert.deepEqual(await axeViolations(page), [], 'the inbox with its filters open');
  });

  test('a clinician records an urgent outcome on a phone with the keyboard alone', async (t) => {
    browser ??= await launchBrowser(t);
    if (!browser) return;
    const page = await signedInStaffPage(browser, server, ['clinician']);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.origin}/staff/requests/${requestId}`);
    const call = page.locator('.notice-urgent a[href^="tel:"]');
    assert.equal(await call.getAttribute('href'), 'tel:+13125550144');
    assert.equal(await call.innerText(), '+1 312 555 0144');

    await tabTo(page, 'safety-outcome-reached');
    await page.keyboard.press('Space');
    await tabTo(page, 'safety-note');
    await page.keyboard.type('Spoke for 20 minutes; safety plan agreed.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('The outcome was not recorded').waitFor();
    assert.equal(
      await page.locator('#safety-note').inputValue(),
      'Spoke for 20 minutes; safety plan agreed.',
    );
    assert.equal(await page.locator('#safety-outcome-reached').isChecked(), true, 'the choice is kept');
    await fitsWidth(page, 'the outcome form with its errors');
    assert.deepEqual(await axeViolations(page), [], 'the outcome form with its errors');

    await tabTo(page, 'safety-confirm');
    await page.keyboard.press('Space');
    await tabTo(page, 'safety-note');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Outcome recorded: the urgent safety review is closed.').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'the request page after the outcome');
  });

  test('a refusal is a staff page with the staff navigation', async (t) => {
    browser ??= await launchBrowser(t);
    if (!browser) return;
    const page = await signedInStaffPage(browser, server, ['front_desk']);
    await page.setViewportSize(PHONE);
    const response = await page.goto(`${server.origin}/staff/users`);
    assert.equal(response?.status(), 403);
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Requests' }).waitFor();
    await fitsWidth(page, 'the 403 page');
    assert.deepEqual(await axeViolations(page), [], 'the 403 page');
  });
});
