import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, watchPage } from '../helpers/browser.js';
import { tabTo, tabToText } from '../helpers/keyboard.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/**
 * Issue 13's questionnaires in a real browser, on a phone and at a desk: each section has a plain title
 * with its size and time, answers are cards a tap anywhere on chooses, "Section N of M" and a progress bar
 * follow the sections done, each section leads to the next, the last page's primary button sends
 * everything, and a question left blank behind the crisis panel is named, the rest of its page kept.
 * The person types with the keyboard; a tap is a click.
 */

/** Sends the request form by keyboard, for TMS, so the plan is Mood, Worry and nerves, TMS health questions. */
async function sendRequestByKeyboard(page: Page, origin: string, email?: string): Promise<void> {
  await page.goto(`${origin}/request-appointment?treatment=tms&location=lakeside`);
  await tabTo(page, 'name');
  await page.keyboard.type('Robin Cards');
  await tabTo(page, 'contact_method');
  await page.keyboard.press('Space');
  await tabTo(page, 'phone');
  await page.keyboard.type('312 555 0177');
  if (email) {
    await tabTo(page, 'email');
    await page.keyboard.type(email);
  }
  await tabTo(page, 'consent_privacy');
  await page.keyboard.press('Space');
  await tabTo(page, 'consent_contact');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/request-appointment/received');
}

/** Taps (clicks) the card of answer `index` near its right edge, away from the radio and its words. */
async function tapCard(page: Page, linkId: string, index: number): Promise<void> {
  const card = page.locator(`label.answer-card:has(#${linkId}-${index})`);
  const box = await card.boundingBox();
  assert.ok(box, `${linkId}'s answer ${index} is shown`);
  await card.click({ position: { x: box.width - 8, y: box.height / 2 } });
  assert.equal(await page.locator(`#${linkId}-${index}`).isChecked(), true, `a tap on the card chose it`);
}

/** Every question on the page, by the name of its radios. */
const questionsOn = (page: Page) =>
  page
    .locator('fieldset.question')
    .evaluateAll((sets) =>
      sets.map((set) => set.querySelector('input[type="radio"]')!.getAttribute('name')!),
    );

async function where(page: Page) {
  return {
    position: await page.locator('.screening-position').innerText(),
    done: Number(await page.locator('progress#screening-progress').getAttribute('value')),
    max: Number(await page.locator('progress#screening-progress').getAttribute('max')),
    title: await page.locator('h1').innerText(),
    size: await page.locator('.section-size').innerText(),
    button: await page.locator('form[action="/screening/questions"] button[type="submit"]').innerText(),
  };
}

/** Taps answer `index` of every question on the page, then sends it with its button. */
async function tapAllAndSend(page: Page, index: number): Promise<void> {
  for (const linkId of await questionsOn(page)) await tapCard(page, linkId, index);
  await Promise.all([
    page.waitForNavigation(),
    page.locator('form[action="/screening/questions"] button[type="submit"]').click(),
  ]);
}

describe('the questionnaires on a phone and at a desk, in Chromium', () => {
  let server: LiveServer;
  let browser: Browser | undefined;
  before(async () => {
    server = await startLiveServer();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const viewport of [
    { width: 360, height: 640, name: 'a 360 px phone' },
    { width: 1280, height: 800, name: 'a desktop' },
  ]) {
    test(`on ${viewport.name}: titles with estimates, tappable cards, progress, section to section, the blank after the panel, "Send my answers"`, async (t) => {
      browser ??= await launchBrowser(t);
      if (!browser) return;
      const page = await (await browser.newContext({ viewport })).newPage();
      const watch = watchPage(page, server.origin);
      await sendRequestByKeyboard(page, server.origin);
      await tabToText(page, 'Answer the questions');
      await page.keyboard.press('Enter');
      await page.waitForURL('**/screening');

      const overview = await page.locator('main').innerText();
      assert.match(overview, /Mood: 10 questions, about 2 minutes \(not started\)/);
      assert.match(overview, /Worry and nerves: 8 questions, about 2 minutes/);
      assert.match(overview, /Health questions for TMS: 21 questions, about 5 minutes/);
      assert.equal(await page.locator('progress#screening-progress').getAttribute('value'), '0');
      assert.deepEqual(await axeViolations(page), [], 'the overview');
      await tabToText(page, 'Start');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      let at = await where(page);
      assert.deepEqual(
        { ...at, size: at.size.replace(/\s+/g, ' ') },
        {
          position: 'Section 1 of 3',
          done: 0,
          max: 3,
          title: 'Mood',
          size: '10 questions, about 2 minutes. Part 1 of 3',
          button: 'Save and continue',
        },
      );
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= viewport.width, `no sideways scroll (${width} px)`);

      // Each card is a target of at least 44 × 44 px; a keyboard user sees the ring on the card itself.
      for (const box of await page
        .locator('label.answer-card')
        .evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().toJSON()))) {
        assert.ok(box.height >= 44 && box.width >= 44, `a card of ${box.width}×${box.height}`);
      }
      await tabTo(page, 'phq9-1-0');
      const ring = await page
        .locator('label.answer-card:has(#phq9-1-0)')
        .evaluate((card) => getComputedStyle(card).outlineStyle);
      assert.equal(ring, 'solid', 'the focused card shows a ring');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#phq9-1-1').isChecked(), true, 'arrows move as between radios');
      await tapCard(page, 'phq9-1', 2);
      const looks = await page
        .locator('label.answer-card')
        .evaluateAll((cards) =>
          cards
            .slice(0, 4)
            .map((card) => [getComputedStyle(card).fontWeight, getComputedStyle(card, '::after').content]),
        );
      assert.deepEqual(
        looks.map(([weight]) => weight),
        ['400', '400', '700', '400'],
        'the chosen card is bold, not only another colour',
      );
      assert.match(looks[2]![1]!, /✓/, 'and carries a tick');
      assert.deepEqual(await axeViolations(page), [], 'a page of cards with one chosen');
      await tapAllAndSend(page, 0);

      await tapAllAndSend(page, 0);
      // The last Mood page: item 9 above 0, item 8 left blank. The crisis panel comes first.
      await tapCard(page, 'phq9-7', 0);
      await tapCard(page, 'phq9-9', 1);
      await tapCard(page, 'phq9-difficulty', 0);
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/screening/questions"] button[type="submit"]').click(),
      ]);
      assert.match(await page.locator('h1').innerText(), /You can talk to someone now/);
      await tabToText(page, 'Go on with the questions');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      // Only the blank question comes back, named in the summary and linked to its answers.
      assert.deepEqual(await questionsOn(page), ['phq9-8']);
      const summary = page.locator('.error-summary');
      assert.match(await summary.innerText(), /Choose an answer to “Moving or speaking so slowly/);
      assert.equal(await summary.locator('a').getAttribute('href'), '#phq9-8-0');
      assert.match(await page.locator('main').innerText(), /we saved them/);
      assert.deepEqual(await axeViolations(page), [], 'the page with the blank question named');
      await summary.locator('a').click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'phq9-8-0');
      await page.keyboard.press('Space');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      at = await where(page);
      assert.equal(at.position, 'Section 2 of 3', 'Mood done, the next section follows');
      assert.equal(at.title, 'Worry and nerves');
      assert.equal(at.done, 1, 'the progress bar counts Mood as done');
      await tapAllAndSend(page, 0);
      await tapAllAndSend(page, 0);

      at = await where(page);
      assert.equal(at.position, 'Section 3 of 3');
      assert.equal(at.done, 2);
      assert.equal(at.title, 'Health questions for TMS');
      for (let pages = 0; pages < 3; pages += 1) {
        assert.equal((await where(page)).button, 'Save and continue');
        await tapAllAndSend(page, 1);
      }
      const send = page.locator('#send-answers');
      assert.equal(await send.innerText(), 'Send my answers', 'the last page sends');
      assert.equal(
        await send.evaluate((button) => button.classList.contains('button-secondary')),
        false,
        'as the primary button',
      );
      assert.deepEqual(await axeViolations(page), [], 'the last page');
      await tapAllAndSend(page, 1);
      assert.equal(new URL(page.url()).pathname, '/screening/done');
      assert.match(await page.locator('main').innerText(), /Your answers have reached the clinic/);
      assert.deepEqual(watch.foreign(), []);
      assert.deepEqual(watch.consoleErrors, []);
    });
  }
});
