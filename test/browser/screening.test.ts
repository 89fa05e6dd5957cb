import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt } from '../../src/staff/mfa/totp.js';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { tabTo, tabToText } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import { createTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp-server.js';
import { createStaffMember, type TestClock, testClock } from '../helpers/staff.js';

/**
 * Issue 8 in a real browser: a person on a phone answers everything with the keyboard alone, item 9 brings
 * the crisis panel first, and the urgent review nobody acknowledges escalates on the server's own timer
 * (the server runs on a clock the test moves) to HAVEN_ESCALATION_EMAIL through a real SMTP server.
 */

const ONCALL = 'oncall.person@clinic.example.org';
const ESCALATION = 'medical.director@clinic.example.org';
/** What must never be in an email about the review: who the person is, or anything they answered. */
const HEALTH_OR_IDENTITY = /Jamie|Keys|0161|phq|gad|item 9|better off dead|self-harm|hurting|ketamine|ket-/i;

/** Chooses the answer at `index` of a question with the keyboard: Tab into the group, arrows to move. */
async function choose(page: Page, linkId: string, index: number): Promise<void> {
  await tabTo(page, `${linkId}-0`);
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator(`#${linkId}-${index}`).isChecked(), true, `${linkId} answered ${index}`);
}

/**
 * Answers one page of questions by keyboard, checks it with axe, and sends it with Enter. Every page has
 * the one address /screening/questions (decision 017); which page it is shows in its form.
 */
async function answerPage(page: Page, group: string, answers: [string, number][]): Promise<void> {
  assert.equal(new URL(page.url()).pathname, '/screening/questions');
  assert.equal(await page.locator('input[name="_group"]').getAttribute('value'), group);
  assert.deepEqual(await axeViolations(page), [], group);
  for (const [linkId, index] of answers) await choose(page, linkId, index);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** From the overview, Tab to the "Start" link, follow it with Enter, and check it opens `title`. */
async function startSection(page: Page, title: string): Promise<void> {
  assert.equal(new URL(page.url()).pathname, '/screening');
  assert.deepEqual(await axeViolations(page), [], `the overview before ${title}`);
  await tabToText(page, 'Start');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/screening/questions');
  assert.match(await page.locator('h1').innerText(), new RegExp(title));
}

/** The message's text as written: quoted-printable or base64 undone, so no word hides across a line break. */
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

async function mailTo(smtp: TestSmtpServer, address: string, timeoutMs = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.received.find((mail) => mail.to.includes(address));
    if (found) return found;
    assert.ok(Date.now() < deadline, `an email to ${address} arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A clinician signed in through the form, on the server's clock (its TOTP codes follow that clock). */
async function clinicianPage(browser: Browser, server: LiveServer, clock: TestClock): Promise<Page> {
  const member = await createStaffMember(server.server.app, clock, ['clinician']);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.origin}/staff/sign-in`);
  await page.getByLabel('Email address').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code from your authenticator app').fill(totpCodeAt(member.secret, clock.ms));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/staff');
  return page;
}

describe('screening in Chromium, keyboard only, on a phone', () => {
  // Wednesday 6 January 2027, 9:00 in Chicago: the clinic is open.
  const clock = testClock(Date.parse('2027-01-06T15:00:00Z'));
  let smtp: TestSmtpServer;
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    smtp = await createTestSmtpServer();
    server = await startLiveServer({
      now: clock.now,
      escalationCheckMs: 100,
      env: {
        HAVEN_SMTP_URL: smtp.url,
        HAVEN_ONCALL_EMAIL: ONCALL,
        HAVEN_ESCALATION_EMAIL: ESCALATION,
        HAVEN_ESCALATION_MINUTES: '30',
      },
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  test('a person answers everything by keyboard; item 9 shows the crisis panel first; the unacknowledged review escalates on its timer; a clinician sees it and closes it', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page, server.origin);
    await page.goto(`${server.origin}/request-appointment?treatment=ketamine&location=lakeside`);
    await tabTo(page, 'name');
    await page.keyboard.type('Jamie Keys');
    await tabTo(page, 'contact_method');
    await page.keyboard.press('Space');
    await tabTo(page, 'phone');
    await page.keyboard.type('312 555 0161');
    await tabTo(page, 'consent_privacy');
    await page.keyboard.press('Space');
    await tabTo(page, 'consent_contact');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/request-appointment/received');
    await tabToText(page, 'Answer the questions');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/screening');

    await startSection(page, 'Mood');
    await answerPage(page, 'phq9-page-1', [
      ['phq9-1', 1],
      ['phq9-2', 1],
      ['phq9-3', 1],
    ]);
    await answerPage(page, 'phq9-page-2', [
      ['phq9-4', 0],
      ['phq9-5', 0],
      ['phq9-6', 0],
    ]);
    await answerPage(page, 'phq9-page-3', [
      ['phq9-7', 0],
      ['phq9-8', 0],
      ['phq9-9', 1],
    ]);
    // The same address as every page of questions: the answer shows in no address (decision 017).
    assert.equal(new URL(page.url()).pathname, '/screening/questions');
    assert.match(
      await page.locator('main').innerText(),
      /988[\s\S]*741741[\s\S]*911/,
      'the crisis panel, first',
    );
    assert.deepEqual(await axeViolations(page), [], 'the crisis panel');
    await tabToText(page, 'Go on with the questions');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('h1').innerText(), /Worry/, 'the next questionnaire follows');
    const gad7 = ['gad7-1', 'gad7-2', 'gad7-3', 'gad7-4', 'gad7-5', 'gad7-6', 'gad7-7'].map(
      (linkId) => [linkId, 1] as [string, number],
    );
    await answerPage(page, 'gad7-page-1', gad7.slice(0, 4));
    await answerPage(page, 'gad7-page-2', gad7.slice(4));
    assert.match(await page.locator('h1').innerText(), /ketamine/i);
    const no = (linkIds: string[]) => linkIds.map((linkId) => [linkId, 1] as [string, number]);
    await answerPage(page, 'ket-page-1', [
      ['ket-blood-pressure', 2],
      ...no(['ket-aneurysm', 'ket-avm', 'ket-brain-bleed']),
    ]);
    await answerPage(page, 'ket-page-2', no(['ket-heart', 'ket-liver', 'ket-kidney', 'ket-pregnancy']));
    await answerPage(
      page,
      'ket-page-3',
      no(['ket-psychosis', 'ket-mania', 'ket-substance-use', 'ket-past-reaction']),
    );
    // Issue 13 added the medicines, bladder, past-use and bipolar questions on two more pages.
    await answerPage(
      page,
      'ket-page-4',
      no(['ket-benzodiazepines', 'ket-sleep-medicine', 'ket-opioids', 'ket-stimulants', 'ket-maoi']),
    );
    // The last page's button is "Send my answers" (issue 13): Enter on it sends everything.
    await answerPage(page, 'ket-page-5', no(['ket-bladder', 'ket-past-use', 'ket-bipolar']));
    await page.waitForURL('**/screening/done');
    const done = await page.locator('main').innerText();
    assert.match(done, /Your answers have reached the clinic/);
    assert.doesNotMatch(done, /score|moderate|severe/i, 'no score is shown to the person');
    assert.deepEqual(await axeViolations(page), [], 'the done page');
    assert.deepEqual(watch.foreign(), []);
    assert.deepEqual(watch.consoleErrors, []);

    // The on-call address heard at once; the escalation address not yet, however often the timer looks.
    const { id: requestId } = await server.server.database.db
      .selectFrom('appointment_requests')
      .select('id')
      .executeTakeFirstOrThrow();
    const onCall = bodyOf(await mailTo(smtp, ONCALL));
    assert.ok(onCall.includes(`/staff/requests/${requestId}`), 'the on-call email links to the request');
    assert.doesNotMatch(onCall, HEALTH_OR_IDENTITY, 'no health information in the on-call email');
    clock.advance(29 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.ok(!smtp.received.some((mail) => mail.to.includes(ESCALATION)), 'not before 30 minutes');

    clock.advance(2 * 60_000); // 31 minutes of opening hours: the server's own timer escalates it
    const escalation = await mailTo(smtp, ESCALATION);
    assert.match(escalation.raw, /^Subject: Not yet acknowledged: urgent safety review/m);
    const text = bodyOf(escalation);
    assert.ok(text.includes(`/staff/requests/${requestId}`), 'the escalation email links to the request');
    assert.match(text, /waited 31 minutes of opening hours/);
    assert.doesNotMatch(`${escalation.raw}\n${text}`, HEALTH_OR_IDENTITY, 'no health information in it');

    const staff = await clinicianPage(browser, server, clock);
    await staff.goto(`${server.origin}/staff/requests`);
    const first = staff.locator('tbody tr').first();
    assert.match(
      await first.innerText(),
      /Jamie Keys[\s\S]*Urgent safety review/,
      'the urgent request leads',
    );
    await first.getByRole('link', { name: 'Jamie Keys' }).click();
    const review = staff.getByRole('alert');
    assert.match(
      await review.innerText(),
      /Urgent safety review[\s\S]*Escalated: no one acknowledged it in time/,
    );
    assert.deepEqual(await axeViolations(staff), [], 'the request page with an escalated review');
    await staff.getByRole('link', { name: 'View screening answers and scores' }).click();
    assert.match(await staff.locator('main').innerText(), /Safety item/);
    assert.deepEqual(await axeViolations(staff), [], 'the answers page');
    await staff.goBack();
    // Issue 13: an outcome needs a note, and "reached" the clinician's confirmation.
    await staff.getByLabel('Reached the person and assessed their safety').check();
    await staff.getByLabel('I spoke with the person and assessed their safety').check();
    await staff.getByLabel('Outcome note').fill('Spoke with Jamie; safety plan agreed.');
    await staff.getByRole('button', { name: 'Record the outcome' }).click();
    await staff.getByText('Outcome recorded: the urgent safety review is closed.').waitFor();
    await staff.getByText('has been closed').waitFor();
    assert.equal(
      await staff.getByRole('heading', { name: 'Urgent safety review' }).count(),
      0,
      'the acknowledgement clears it',
    );
  });
});
