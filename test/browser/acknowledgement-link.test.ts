import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import { createTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp-server.js';

/**
 * Issue 13: the acknowledgement email carries the person's questionnaire link, through a real SMTP server,
 * and the link opens the questions in the browser that sent the form. No email address, no email; without
 * the contact consent, no request and so no email. Nothing the person wrote is in it.
 */

const EMAIL = 'robin.ack@example.org';

/** The message as written: quoted-printable undone, so a link split across lines reads whole. */
function bodyOf(mail: ReceivedMail): string {
  const [headers = '', ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/^Content-Transfer-Encoding:\s*base64/im.test(headers))
    return Buffer.from(body, 'base64').toString('utf8');
  if (/^Content-Transfer-Encoding:\s*quoted-printable/im.test(headers))
    return body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return body;
}

async function sendForm(page: Page, origin: string, fields: { email?: string; contactConsent: boolean }) {
  await page.goto(`${origin}/request-appointment?treatment=ketamine&location=lakeside`);
  await tabTo(page, 'name');
  await page.keyboard.type('Robin Acknowledged');
  await tabTo(page, 'contact_method');
  await page.keyboard.press('Space');
  await tabTo(page, 'phone');
  await page.keyboard.type('312 555 0199');
  if (fields.email) {
    await tabTo(page, 'email');
    await page.keyboard.type(fields.email);
  }
  await tabTo(page, 'message');
  await page.keyboard.type('Private words about my low mood');
  await tabTo(page, 'consent_privacy');
  await page.keyboard.press('Space');
  if (fields.contactConsent) {
    await tabTo(page, 'consent_contact');
    await page.keyboard.press('Space');
  }
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('the acknowledgement email and its questionnaire link, through SMTP', () => {
  let smtp: TestSmtpServer;
  let server: LiveServer;
  before(async () => {
    smtp = await createTestSmtpServer();
    server = await startLiveServer({ env: { HAVEN_SMTP_URL: smtp.url } });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const acknowledgements = async () =>
    (
      await server.server.database.db
        .selectFrom('outbox_messages')
        .select('kind')
        .where('kind', '=', 'request_acknowledgement')
        .execute()
    ).length;
  const requests = async () =>
    (await server.server.database.db.selectFrom('appointment_requests').select('id').execute()).length;

  test('carries a link that opens the questions in the browser that sent the form, and nothing the person wrote', async (t) => {
    const browser = await launchBrowser(t);
    if (!browser) return;
    t.after(() => browser.close());
    const page = await (await browser.newContext()).newPage();
    await sendForm(page, server.origin, { email: EMAIL, contactConsent: true });
    assert.equal(new URL(page.url()).pathname, '/request-appointment/received');

    const mails = await smtp.waitFor(2, 15_000);
    const mail = mails.find((received) => received.to.includes(EMAIL));
    assert.ok(mail, 'the acknowledgement arrived, beside the staff notice');
    const body = bodyOf(mail);
    const link = /(http\S+\/screening\?token=[A-Za-z0-9_-]{43})/.exec(body)?.[1];
    assert.ok(link, 'the email carries the questionnaire link');
    assert.match(body, /date of birth/, 'and says another browser will ask for the date of birth');
    assert.doesNotMatch(
      body,
      /Robin|Acknowledged|0199|low mood|Private words|ketamine/i,
      'nothing they wrote',
    );

    // The link is the server's own address, here on the test's port.
    const path = new URL(link).pathname + new URL(link).search;
    await page.goto(`${server.origin}${path}`);
    assert.equal(new URL(page.url()).pathname, '/screening', 'no date of birth asked in this browser');
    await page.getByRole('link', { name: 'Start' }).click();
    await page.waitForURL((url) => url.pathname === '/screening/questions');
    assert.equal(await page.locator('h1').innerText(), 'Mood', 'the questions open');
  });

  test('no email address, no acknowledgement; no contact consent, no request and no email', async (t) => {
    const browser = await launchBrowser(t);
    if (!browser) return;
    t.after(() => browser.close());
    const page = await (await browser.newContext()).newPage();
    const before = { acknowledgements: await acknowledgements(), requests: await requests() };
    await sendForm(page, server.origin, { contactConsent: true });
    assert.equal(new URL(page.url()).pathname, '/request-appointment/received');
    assert.equal(await requests(), before.requests + 1, 'the request was stored');
    assert.equal(await acknowledgements(), before.acknowledgements, 'no acknowledgement without an address');

    await sendForm(page, server.origin, { email: 'no.consent@example.org', contactConsent: false });
    assert.match(await page.locator('.error-summary').innerText(), /let us contact you/);
    assert.equal(await requests(), before.requests + 1, 'no request without the contact consent');
    assert.equal(await acknowledgements(), before.acknowledgements, 'and no email');
  });
});
