import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { totpCodeAt } from '../../src/staff/mfa/totp.js';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { tabTo, tabToText } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

describe('staff sign-in in Chromium, keyboard only', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the first administrator sets up, signs out, and signs in with a password and a TOTP code', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const link = await server.server.app.staffAccounts.firstAdminLink();
    assert.ok(link);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page, server.origin);
    const address = new URL(link);
    await page.goto(`${server.origin}${address.pathname}${address.search}`);
    assert.equal(new URL(page.url()).search, '', 'the token leaves the address bar');
    assert.deepEqual(await axeViolations(page), [], 'setup: password page');

    const password = 'harbor lantern mosaic 7';
    await tabTo(page, 'displayName');
    await page.keyboard.type('Avery Admin');
    await tabTo(page, 'email');
    await page.keyboard.type('avery@clinic.example');
    await tabTo(page, 'password');
    await page.keyboard.type(password);
    await tabTo(page, 'confirm');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/staff/setup/authenticator');
    assert.deepEqual(await axeViolations(page), [], 'setup: authenticator page');
    assert.ok(await page.locator('.qr svg').isVisible(), 'the QR code is drawn');
    const secret = (await page.locator('#totp-key').innerText()).replace(/\s/g, '');
    await tabTo(page, 'code');
    await page.keyboard.type(totpCodeAt(secret, Date.now()));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    assert.deepEqual(await axeViolations(page), [], 'setup: recovery codes page');
    await tabToText(page, 'I have saved them');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Hello, Avery Admin' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'staff overview');

    await tabToText(page, 'Sign out');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/staff/sign-in?signed-out');
    assert.deepEqual(await axeViolations(page), [], 'sign-in page');
    await tabTo(page, 'email');
    await page.keyboard.type('avery@clinic.example');
    await tabTo(page, 'password');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/staff/sign-in/code');
    assert.deepEqual(await axeViolations(page), [], 'code page');
    await tabTo(page, 'code');
    // The setup used this step's code; a code is accepted once, so the next step's (allowed for drift) is typed.
    await page.keyboard.type(totpCodeAt(secret, Date.now() + 30_000));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Hello, Avery Admin' }).waitFor();

    for (const path of ['/staff/account', '/staff/users', '/staff/settings', '/staff/audit']) {
      await page.goto(`${server.origin}${path}`);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    assert.match(await page.locator('main').innerText(), /auth\.login/, 'the sign-in is in the audit log');
    assert.deepEqual(watch.foreign(), []);
    assert.deepEqual(watch.consoleErrors, []);
  });
});
