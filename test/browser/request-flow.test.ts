import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { signedInStaffPage, tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

describe('an appointment request, from the form to the staff inbox, in Chromium', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a person fills the form by keyboard, fixes mistakes and is told what happens next; staff find, note and export it', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page, server.origin);
    await page.goto(`${server.origin}/treatments/tms`);
    await page.getByRole('link', { name: 'Request an appointment' }).last().click();
    await page.waitForURL('**/request-appointment?treatment=tms');
    assert.equal(await page.locator('#treatment-tms').isChecked(), true, 'the treatment page prefilled TMS');
    assert.deepEqual(await axeViolations(page), [], 'the empty form');

    await tabTo(page, 'name');
    await page.keyboard.type('Morgan Vale');
    await tabTo(page, 'contact_method');
    await page.keyboard.press('Space');
    await tabTo(page, 'phone');
    await page.keyboard.type('555');
    await tabTo(page, 'message');
    await page.keyboard.type('Two medicines have not helped.');
    await tabTo(page, 'consent_privacy');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    const summary = await page.locator('.error-summary').innerText();
    assert.match(summary, /Enter a phone number with its area code/);
    assert.match(summary, /Choose the location that suits you/);
    assert.match(summary, /let us contact you/);
    assert.equal(await page.locator('#name').inputValue(), 'Morgan Vale', 'what was typed is kept');
    assert.equal(await page.locator('#message').inputValue(), 'Two medicines have not helped.');
    assert.deepEqual(await axeViolations(page), [], 'the form with errors');

    // The summary's links take the keyboard to each field.
    await page.locator('.error-summary a', { hasText: 'area code' }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'phone');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('312 555 0166');
    await tabTo(page, 'location');
    await page.keyboard.press('Space');
    await tabTo(page, 'consent_contact');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/request-appointment/received');
    assert.match(
      await page.locator('main').innerText(),
      /We have your request[\s\S]*What happens next[\s\S]*988/,
    );
    assert.deepEqual(await axeViolations(page), [], 'the confirmation');
    assert.deepEqual(watch.foreign(), []);
    assert.deepEqual(watch.consoleErrors, []);

    const deskPage = await signedInStaffPage(browser, server, ['front_desk']);
    await deskPage.goto(`${server.origin}/staff/requests`);
    await deskPage.getByRole('link', { name: 'Morgan Vale' }).click();
    assert.match(await deskPage.locator('main').innerText(), /Two medicines have not helped\./);
    assert.deepEqual(await axeViolations(deskPage), [], 'the request page');
    await deskPage.goto(`${server.origin}/staff/requests`);
    assert.deepEqual(await axeViolations(deskPage), [], 'the inbox');

    const clinicianPage = await signedInStaffPage(browser, server, ['clinician']);
    await clinicianPage.goto(`${server.origin}/staff/requests`);
    await clinicianPage.getByRole('link', { name: 'Morgan Vale' }).click();
    await clinicianPage.getByLabel('Add a note').fill('Suitable for a TMS consultation.');
    await clinicianPage.getByRole('button', { name: 'Add note' }).click();
    await clinicianPage.getByText('note: Suitable for a TMS consultation.').waitFor();

    const adminPage = await signedInStaffPage(browser, server, ['admin']);
    await adminPage.goto(`${server.origin}/staff/requests/export`);
    assert.deepEqual(await axeViolations(adminPage), [], 'the export warning');
    const [download] = await Promise.all([
      adminPage.waitForEvent('download'),
      adminPage.getByRole('button', { name: 'Download the CSV file' }).click(),
    ]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    assert.match(csv, /Morgan Vale/);
    assert.match(csv, /Two medicines have not helped\./);
  });
});
