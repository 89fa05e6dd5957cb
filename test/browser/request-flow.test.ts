import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt } from '../../src/staff/mfa/totp.js';
import type { Role } from '../../src/staff/permissions.js';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import { createStaffMember, testClock } from '../helpers/staff.js';

async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`could not reach #${id} with Tab`);
}

/** A browser page signed in, through the sign-in form, as a new staff member with these roles. */
async function staffPage(browser: Browser, server: LiveServer, roles: Role[]): Promise<Page> {
  const app = server.server.app;
  const clock = testClock(Date.now());
  const member = await createStaffMember(app, clock, roles);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.origin}/staff/sign-in`);
  await page.getByLabel('Email address').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  // Setup used this step's code; the next step's is accepted (clock drift) and has not been used.
  await page
    .getByLabel('Code from your authenticator app')
    .fill(totpCodeAt(member.secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/staff');
  return page;
}

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

    const deskPage = await staffPage(browser, server, ['front_desk']);
    await deskPage.goto(`${server.origin}/staff/requests`);
    await deskPage.getByRole('link', { name: 'Morgan Vale' }).click();
    assert.match(await deskPage.locator('main').innerText(), /Two medicines have not helped\./);
    assert.deepEqual(await axeViolations(deskPage), [], 'the request page');
    await deskPage.goto(`${server.origin}/staff/requests`);
    assert.deepEqual(await axeViolations(deskPage), [], 'the inbox');

    const clinicianPage = await staffPage(browser, server, ['clinician']);
    await clinicianPage.goto(`${server.origin}/staff/requests`);
    await clinicianPage.getByRole('link', { name: 'Morgan Vale' }).click();
    await clinicianPage.getByLabel('Add a note').fill('Suitable for a TMS consultation.');
    await clinicianPage.getByRole('button', { name: 'Add note' }).click();
    await clinicianPage.getByText('note: Suitable for a TMS consultation.').waitFor();

    const adminPage = await staffPage(browser, server, ['admin']);
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
