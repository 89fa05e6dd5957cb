import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { signedInStaffPage, tabTo } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/** Chooses the answer at `index` of a question with the keyboard: Tab into the group, arrows to move. */
async function choose(page: Page, linkId: string, index: number): Promise<void> {
  await tabTo(page, `${linkId}-0`);
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator(`#${linkId}-${index}`).isChecked(), true, `${linkId} answered ${index}`);
}

describe('screening in Chromium, keyboard only, on a phone', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a person answers PHQ-9 by keyboard; item 9 shows the crisis panel first; a clinician sees the urgent review and closes it', async (t) => {
    browser = await launchBrowser(t);
    if (!browser) return;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const watch = watchPage(page, server.origin);
    await page.goto(`${server.origin}/request-appointment?treatment=ketamine&location=lakeside`);
    await page.getByLabel('Your name').fill('Jamie Keys');
    await page.getByLabel('Phone call').check();
    await page.getByLabel('Phone number').fill('312 555 0161');
    await page.getByLabel(/privacy notice and agree/).check();
    await page.getByLabel(/may contact me/).check();
    await page.getByRole('button', { name: 'Send my request' }).click();
    await page.waitForURL('**/request-appointment/received');
    await page.getByRole('link', { name: 'Answer the questions' }).click();
    await page.waitForURL('**/screening');
    assert.deepEqual(await axeViolations(page), [], 'the screening overview');
    await page.getByRole('link', { name: /Start.*PHQ-9/ }).click();
    assert.deepEqual(await axeViolations(page), [], 'a questionnaire page');

    for (const linkId of ['phq9-1', 'phq9-2', 'phq9-3']) await choose(page, linkId, 1);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/phq9-page-2');
    for (const linkId of ['phq9-4', 'phq9-5', 'phq9-6']) await choose(page, linkId, 0);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/phq9-page-3');
    await choose(page, 'phq9-7', 0);
    await choose(page, 'phq9-8', 0);
    await choose(page, 'phq9-9', 1);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/screening/support**');
    const panel = await page.locator('main').innerText();
    assert.match(panel, /988[\s\S]*741741[\s\S]*911/, 'the crisis panel, first');
    assert.deepEqual(await axeViolations(page), [], 'the crisis panel');
    await page.getByRole('link', { name: 'Go on with the questions' }).click();
    await page.waitForURL('**/screening');

    // The rest, by keyboard too: GAD-7 and the ketamine safety checklist, then send everything.
    const pages: [string, string[]][] = [
      ['/screening/gad-7/gad7-page-1', ['gad7-1', 'gad7-2', 'gad7-3', 'gad7-4']],
      ['/screening/gad-7/gad7-page-2', ['gad7-5', 'gad7-6', 'gad7-7']],
      [
        '/screening/ketamine-safety/ket-page-1',
        ['ket-blood-pressure', 'ket-aneurysm', 'ket-avm', 'ket-brain-bleed'],
      ],
      ['/screening/ketamine-safety/ket-page-2', ['ket-heart', 'ket-liver', 'ket-kidney', 'ket-pregnancy']],
      [
        '/screening/ketamine-safety/ket-page-3',
        ['ket-psychosis', 'ket-mania', 'ket-substance-use', 'ket-past-reaction'],
      ],
    ];
    for (const [path, items] of pages) {
      await page.goto(`${server.origin}${path}`);
      for (const linkId of items) await choose(page, linkId, linkId === 'ket-blood-pressure' ? 2 : 1);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname !== path);
    }
    await page.goto(`${server.origin}/screening`);
    await tabTo(page, 'send-answers');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/screening/done');
    assert.match(await page.locator('main').innerText(), /Your answers have reached the clinic/);
    assert.doesNotMatch(
      await page.locator('main').innerText(),
      /score|moderate|severe/i,
      'no score is shown to the person',
    );
    assert.deepEqual(watch.foreign(), []);
    assert.deepEqual(watch.consoleErrors, []);

    const staff = await signedInStaffPage(browser, server, ['clinician']);
    await staff.goto(`${server.origin}/staff/requests`);
    const first = staff.locator('tbody tr').first();
    assert.match(
      await first.innerText(),
      /Jamie Keys[\s\S]*Urgent safety review/,
      'the urgent request leads the inbox',
    );
    await first.getByRole('link', { name: 'Jamie Keys' }).click();
    assert.deepEqual(await axeViolations(staff), [], 'the request page with an urgent review');
    await staff.getByRole('link', { name: 'View screening answers and scores' }).click();
    assert.match(await staff.locator('main').innerText(), /Safety item/);
    assert.deepEqual(await axeViolations(staff), [], 'the answers page');
    await staff.goBack();
    await staff.getByRole('button', { name: 'Reached the person and assessed their safety' }).click();
    await staff.getByText('has been closed').waitFor();
    assert.equal(
      await staff.getByRole('heading', { name: 'Urgent safety review' }).count(),
      0,
      'the acknowledgement clears it',
    );
  });
});
