import assert from 'node:assert/strict';
import type { TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, type StaffClient, staffClient } from '../../test/helpers/staff.js';
import { SCREENING_COOKIE } from './routes.js';
import { answer, has, personWithRequest } from './test-person.js';

/**
 * Issue 12, "screening links" (decision 017): anyone can get a genuine link by sending the public form.
 * Handed to someone else, it must not show them questions or take their answers under the sender's
 * request: a link belongs to the first browser that opens it, and another browser must first give the
 * request's date of birth (five tries, each audited). Saved answers are never shown again.
 */

const verifyEntries = (testApp: TestApp, requestId: string) =>
  testApp.db.handle.db
    .selectFrom('audit_events')
    .select(['outcome', 'details'])
    .where('action', '=', 'screening.link_verify')
    .where('target_id', '=', requestId)
    .execute();

async function sendDob(browser: StaffClient, dob: string) {
  const page = await browser.get('/screening/verify');
  assert.equal(page.statusCode, 200);
  return browser.post('/screening/verify', { _csrf: csrfOf(page.body), dob });
}

appOnEachEngine('a screening link in another browser', (_engine, it) => {
  it('handed on from the public form, it shows the other person no questions, takes no answer, and stops after five wrong dates of birth', {
    content: 'none',
  }, async (testApp) => {
    const db = testApp.db.handle.db;
    const sender = await personWithRequest(testApp, { dob: '1980-02-03' });
    const token = sender.person.jar.cookies.get(SCREENING_COOKIE)?.split('.')[0];
    assert.ok(token);

    const other = staffClient(testApp.app);
    const opened = await other.get(`/screening?token=${token}`);
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/screening/verify', 'not the questions');
    for (const path of ['/screening', '/screening/questions'])
      assert.equal((await other.get(path)).headers.location, '/screening/verify', `${path} asks first`);
    const asked = await other.get('/screening/verify');
    has(asked.body, 'Check it is you');
    has(asked.body, 'date of birth');
    has(asked.body, '988', 'the crisis numbers are there');
    const saving = await other.post('/screening/questions', {
      _csrf: csrfOf(asked.body),
      _section: 'phq-9',
      _group: 'phq9-page-3',
      'phq9-7': '0',
      'phq9-8': '0',
      'phq9-9': '3',
      'phq9-difficulty': '0',
    });
    assert.equal(saving.headers.location, '/screening/verify');
    assert.equal(
      (await db.selectFrom('screening_responses').select('id').execute()).length,
      0,
      'nothing saved',
    );
    const request = await db
      .selectFrom('appointment_requests')
      .select('safety_flagged_at')
      .where('id', '=', sender.requestId)
      .executeTakeFirstOrThrow();
    assert.equal(request.safety_flagged_at, null, 'no review raised on the sender’s request');

    const wrong = await sendDob(other, '1992-07-14');
    assert.equal(wrong.statusCode, 200);
    has(wrong.body, 'That date of birth does not match. You can try 4 more times.');
    has(wrong.body, 'value="1992-07-14"', 'what was typed stays');
    const unreadable = await sendDob(other, 'next tuesday');
    has(unreadable.body, 'Enter your date of birth as year, month and day');
    for (let i = 0; i < 3; i += 1) await sendDob(other, `1992-07-${15 + i}`);
    const last = await sendDob(other, '1992-08-01');
    assert.equal(last.statusCode, 403);
    has(last.body, 'cannot be opened in this browser any more');
    const right = await sendDob(other, '1980-02-03');
    assert.equal(right.statusCode, 403, 'once locked, even the right date does not open it');

    const entries = await verifyEntries(testApp, sender.requestId);
    assert.equal(entries.filter((entry) => entry.outcome === 'failure').length, 6, 'every try is audited');
    assert.doesNotMatch(JSON.stringify(entries), /1980|1992/, 'never the date itself');
    assert.equal(
      (await sender.person.get('/screening')).statusCode,
      200,
      'the link still works in its own browser',
    );
  });

  it(
    "the person's second browser goes on after their date of birth; the first then asks too; saved answers are never shown again",
    { content: 'none' },
    async (testApp, clock) => {
      const { requestId } = await personWithRequest(testApp, { dob: '1985-03-27', concerns: ['depression'] });
      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const made = await desk.client.post(`/staff/requests/${requestId}/screening/invite`, {
        _csrf: csrfOf((await desk.client.get(`/staff/requests/${requestId}`)).body),
      });
      const link = new URL(/<code>(http[^<]+)<\/code>/.exec(made.body)![1]!.replaceAll('&amp;', '&'));

      const phone = staffClient(testApp.app);
      assert.equal((await phone.get(`${link.pathname}${link.search}`)).headers.location, '/screening');
      const page1 = { section: 'phq-9', group: 'phq9-page-1' };
      await answer(phone, page1, { 'phq9-1': '2', 'phq9-2': '3', 'phq9-3': '1' });
      // Item 9 alone on its page: saved (and the review raised), the rest of the page still to answer.
      const partial = await answer(phone, { section: 'phq-9', group: 'phq9-page-3' }, { 'phq9-9': '3' });
      has(partial.body, 'Go on with the questions');

      const laptop = staffClient(testApp.app);
      assert.equal(
        (await laptop.get(`${link.pathname}${link.search}`)).headers.location,
        '/screening/verify',
      );
      has((await sendDob(laptop, '1985-03-28')).body, 'does not match');
      const right = await sendDob(laptop, '1985-03-27');
      assert.equal(right.headers.location, '/screening');
      has((await laptop.get('/screening')).body, 'PHQ-9');
      assert.equal(
        (await phone.get('/screening')).headers.location,
        '/screening/verify',
        'the phone asks now',
      );

      const next = (await laptop.get('/screening/questions')).body;
      has(next, 'name="_group" value="phq9-page-2"', 'the next page to answer, not an answered one');
      await answer(
        laptop,
        { section: 'phq-9', group: 'phq9-page-2' },
        { 'phq9-4': '0', 'phq9-5': '0', 'phq9-6': '0' },
      );
      const revisit = (await laptop.get('/screening/questions')).body;
      has(revisit, 'name="_group" value="phq9-page-3"');
      has(revisit, 'answers are never shown again');
      assert.doesNotMatch(revisit, /type="radio"[^>]*checked/, 'no saved answer is shown');

      const entries = await verifyEntries(testApp, requestId);
      assert.deepEqual(entries.map((entry) => entry.outcome).sort(), ['failure', 'success']);
    },
  );
});
