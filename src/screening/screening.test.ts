import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { ENGINES, postgresUnavailableReason } from '../../test/helpers/database.js';
import { createStaffMember, csrfOf, testClock } from '../../test/helpers/staff.js';
import { skipOrFail } from '../../test/helpers/strict.js';
import { answer, answerEverything, answerItem9, has, personWithRequest, sendAnswers } from './test-person.js';

/** Whatever gives away why a review is open: the item's wording. Clinicians may read it; front desk may not. */
const ITEM_9_WORDING = /better off dead|self-harm|hurting yourself/i;

for (const engine of ENGINES) {
  describe(`screening and the urgent safety review [${engine}]`, () => {
    let testApp: TestApp | undefined;
    afterEach(() => testApp?.close());

    test('item 9 above 0 shows the crisis panel first, flags the request for every clinician, and only a closing outcome clears it', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const clock = testClock(); // a Wednesday, 9:00 in Chicago: the clinic is open
      testApp = await buildTestApp({ engine, now: clock.now, content: 'none' });
      const { app } = testApp;
      const db = testApp.db.handle.db;
      const { person, requestId } = await personWithRequest(testApp);

      const overview = await person.get('/screening');
      assert.equal(overview.statusCode, 200);
      for (const title of ['PHQ-9', 'GAD-7', 'PCL-5', 'TMS']) has(overview.body, title);
      assert.equal(overview.headers['cache-control'], 'no-store');

      const page1 = { section: 'phq-9', group: 'phq9-page-1' };
      const missing = await answer(person, page1, { 'phq9-1': '1' });
      has(missing.body, /Choose an answer/i, 'a message for each unanswered question');
      assert.equal(
        (await answer(person, page1, { 'phq9-1': '1', 'phq9-2': '2', 'phq9-3': '1' })).headers.location,
        '/screening/questions',
      );
      has((await person.get('/screening/questions')).body, 'name="_group" value="phq9-page-2"');
      await answer(
        person,
        { section: 'phq-9', group: 'phq9-page-2' },
        { 'phq9-4': '2', 'phq9-5': '1', 'phq9-6': '2' },
      );
      const worrying = await answer(
        person,
        { section: 'phq-9', group: 'phq9-page-3' },
        { 'phq9-7': '1', 'phq9-8': '0', 'phq9-9': '1', 'phq9-difficulty': '1' },
      );
      // Decision 017: the same address as any page; the panel comes first on it.
      assert.equal(worrying.statusCode, 303);
      assert.equal(worrying.headers.location, '/screening/questions');
      const support = await person.get('/screening/questions');
      for (const line of ['988', '741741', '911', '(312) 555-0142']) has(support.body, line);
      has(support.body, 'Go on with the questions');

      const row = await db
        .selectFrom('appointment_requests')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      assert.ok(row.safety_flagged_at, 'the request is flagged as soon as the page is saved');
      const outbox = await db.selectFrom('outbox_messages').select(['id', 'kind', 'payload']).execute();
      const onCall = outbox.find((message) => message.kind === 'safety_on_call');
      assert.ok(onCall, 'the on-call address is emailed');
      const onCallText = JSON.parse(
        testApp.cipher.open(onCall.payload, `outbox_messages.payload:${onCall.id}`),
      ) as { text: string };
      assert.doesNotMatch(
        onCallText.text,
        /Alex|phq|better off dead|self-harm/i,
        'no health information in the on-call email',
      );

      const desk = await createStaffMember(app, clock, ['front_desk']);
      const clinician = await createStaffMember(app, clock, ['clinician']);
      const inbox = (await clinician.client.get('/staff/requests')).body;
      has(inbox, 'Urgent safety review');
      const deskPage = (await desk.client.get(`/staff/requests/${requestId}`)).body;
      has(deskPage, 'Urgent safety review');
      has(deskPage, 'A clinician must contact this person today');
      assert.doesNotMatch(deskPage, ITEM_9_WORDING, 'front desk is not told what the person answered');
      assert.ok(!deskPage.includes('View screening answers'), 'front desk sees progress, not answers');
      const denied = await desk.client.get(`/staff/requests/${requestId}/screening`);
      assert.equal(denied.statusCode, 403);
      const deniedAudit = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'access.denied')
        .where('actor_id', '=', desk.id)
        .execute();
      assert.equal(deniedAudit.length, 1, 'the refused attempt is audited');

      const answers = await clinician.client.get(`/staff/requests/${requestId}/screening`);
      assert.equal(answers.statusCode, 200);
      has(answers.body, /Total 11 of 27: Moderate/i, 'the PHQ-9 total and band');
      has(answers.body, 'Several days (1)');
      assert.equal(
        (await db.selectFrom('audit_events').selectAll().where('action', '=', 'screening.view').execute())
          .length,
        1,
      );

      const page = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      assert.match(page, ITEM_9_WORDING, 'a clinician is told why the review is open');
      const attempt = await clinician.client.post(`/staff/requests/${requestId}/safety`, {
        _csrf: csrfOf(page),
        outcome: 'could_not_reach',
        note: 'No answer.',
      });
      assert.equal(attempt.statusCode, 303);
      has(
        (await clinician.client.get(`/staff/requests/${requestId}`)).body,
        'Urgent safety review',
        'could not reach keeps it open',
      );
      await clinician.client.post(`/staff/requests/${requestId}/safety`, {
        _csrf: csrfOf(page),
        outcome: 'reached',
        confirm: 'yes',
        note: 'Spoke with them; safe.',
      });
      const after = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      assert.ok(!after.includes('<h2>Urgent safety review</h2>'), 'a closing outcome clears the flag');
      has(after, 'has been closed');
      const actions = (
        await db.selectFrom('audit_events').select('action').where('action', 'like', 'safety.%').execute()
      ).map((e) => e.action);
      assert.deepEqual(actions.sort(), ['safety.attempt', 'safety.close', 'safety.flag']);
    });
    test('front desk sees that screening is complete and a review is open, never why; a clinician sees why', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const clock = testClock();
      testApp = await buildTestApp({ engine, now: clock.now, content: 'none' });
      const { person, requestId } = await personWithRequest(testApp);
      await answerItem9(person, '1');
      await answerEverything(person);
      await sendAnswers(person);

      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const deskPage = (await desk.client.get(`/staff/requests/${requestId}`)).body;
      has(deskPage, 'Complete: the person has sent their answers.');
      has(deskPage, 'Urgent safety review');
      has(deskPage, 'Tell a clinician now.');
      assert.doesNotMatch(deskPage, ITEM_9_WORDING, 'not why it is open');
      assert.doesNotMatch(deskPage, /Total \d+ of|Several days|Not at all/, 'nor any score or answer');
      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const clinicianPage = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      has(clinicianPage, 'Complete: the person has sent their answers.');
      assert.match(clinicianPage, /thoughts of being better off dead or of self-harm/);
    });

    test('a worrying answer counts even when another question on its page is unanswered', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      testApp = await buildTestApp({ engine, now: testClock().now, content: 'none' });
      const { person, requestId } = await personWithRequest(testApp);
      const partial = await answer(person, { section: 'phq-9', group: 'phq9-page-3' }, { 'phq9-9': '3' });
      // The panel is this response (a 200, as the page with its errors would be), not another address.
      assert.equal(partial.statusCode, 200);
      has(partial.body, 'Go on with the questions');
      has(partial.body, '988');
      const row = await testApp.db.handle.db
        .selectFrom('appointment_requests')
        .select('safety_flagged_at')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      assert.ok(row.safety_flagged_at);
      // Saved, and never shown again (decision 017): the page asks again, saying why.
      const saved = await testApp.app.screening.answers(
        await testApp.db.handle.db
          .selectFrom('screening_invitations')
          .selectAll()
          .where('request_id', '=', requestId)
          .executeTakeFirstOrThrow(),
      );
      assert.equal(saved['phq-9']?.['phq9-9'], 3, 'the answer was kept');
    });
  });
}
