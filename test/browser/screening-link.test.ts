import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/**
 * Issue 12 in a real browser (decision 017): a screening link opened in a browser that is not its own asks
 * for the date of birth first, with a clear error that keeps what was typed and
 * with no axe violation, and then opens the questions; the date never reaches an address.
 */

describe('a screening link in a second browser, in Chromium', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('asks for the date of birth, explains a wrong one, and opens the questions with the right one', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const first = await browser.newContext();
    const form = await first.newPage();
    await form.goto(`${server.origin}/request-appointment?treatment=tms&location=lakeside`);
    await form.locator('#name').fill('Robin Second');
    await form.locator('#contact_method').check();
    await form.locator('#phone').fill('312 555 0177');
    await form.locator('#dob').fill('1984-05-06');
    await form.locator('#consent_privacy').check();
    await form.locator('#consent_contact').check();
    await form.locator('#phone').press('Enter');
    await form.waitForURL('**/request-appointment/received');
    const cookie = (await first.cookies()).find((c) => c.name === 'haven_screening');
    const token = cookie?.value.split('.')[0];
    assert.ok(token, 'the form gave its own browser the link');

    const second = await (await browser.newContext()).newPage();
    const watch = watchPage(second, server.origin);
    const visited: string[] = [];
    second.on('request', (request) =>
      visited.push(new URL(request.url()).pathname + new URL(request.url()).search),
    );
    await second.goto(`${server.origin}/screening?token=${token}`);
    assert.equal(new URL(second.url()).pathname, '/screening/verify');
    assert.match(await second.locator('h1').innerText(), /Check it is you/);
    assert.deepEqual(await axeViolations(second), [], 'the date-of-birth question');

    await second.getByLabel('Date of birth').fill('1990-01-01');
    await second.getByRole('button', { name: 'Continue' }).click();
    await second.waitForLoadState();
    assert.match(
      await second.locator('.error-summary').innerText(),
      /does not match\. You can try 4 more times/,
    );
    assert.equal(await second.getByLabel('Date of birth').inputValue(), '1990-01-01', 'what was typed stays');
    assert.deepEqual(await axeViolations(second), [], 'the question with its error');

    await second.getByLabel('Date of birth').fill('1984-05-06');
    await second.getByRole('button', { name: 'Continue' }).click();
    await second.waitForURL((url) => url.pathname === '/screening');
    assert.match(await second.locator('main').innerText(), /PHQ-9/);
    assert.ok(!visited.some((address) => /1984|1990/.test(address)), 'no date of birth in any address');
    assert.deepEqual(watch.foreign(), []);
  });
});
