import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { ENGINES, postgresUnavailableReason } from '../../test/helpers/database.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  staffClient,
  testClock,
} from '../../test/helpers/staff.js';
import { skipOrFail } from '../../test/helpers/strict.js';

const has = (body: string, text: string | RegExp, what = String(text)) =>
  assert.ok(
    typeof text === 'string' ? body.includes(text) : text.test(body),
    `expected the page to show ${what}`,
  );

/** A person's browser: submits a request (PTSD, TMS), then answers the questions it is offered. */
async function personWithRequest(app: TestApp['app']): Promise<{ person: StaffClient; requestId: string }> {
  const person = staffClient(app);
  const form = (await person.get('/request-appointment')).body;
  const sent = await person.post('/request-appointment', {
    _csrf: csrfOf(form),
    idempotency_key: `screening-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    name: 'Alex Screening',
    contact_method: 'phone',
    phone: '312 555 0144',
    location: 'lakeside',
    treatment: 'tms',
    concerns: ['depression', 'ptsd'],
    consent_privacy: 'yes',
    consent_contact: 'yes',
  });
  assert.equal(sent.statusCode, 303);
  const received = await person.get('/request-appointment/received');
  has(received.body, 'Save time at your first visit');
  const row = await app.inject({ url: '/healthz' });
  assert.equal(row.statusCode, 200);
  return { person, requestId: '' };
}

async function answer(person: StaffClient, path: string, answers: Record<string, string>) {
  const page = await person.get(path);
  assert.equal(page.statusCode, 200, `${path} answers 200`);
  return person.post(path, { _csrf: csrfOf(page.body), ...answers });
}

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
      const { person } = await personWithRequest(app);
      const requestId = (await db.selectFrom('appointment_requests').select('id').executeTakeFirstOrThrow())
        .id;

      const overview = await person.get('/screening');
      assert.equal(overview.statusCode, 200);
      for (const title of ['PHQ-9', 'GAD-7', 'PCL-5', 'TMS']) has(overview.body, title);
      assert.equal(overview.headers['cache-control'], 'no-store');

      const missing = await answer(person, '/screening/phq-9/phq9-page-1', { 'phq9-1': '1' });
      has(missing.body, /Choose an answer/i, 'a message for each unanswered question');
      assert.equal(
        (
          await answer(person, '/screening/phq-9/phq9-page-1', {
            'phq9-1': '1',
            'phq9-2': '2',
            'phq9-3': '1',
          })
        ).headers.location,
        '/screening/phq-9/phq9-page-2',
      );
      await answer(person, '/screening/phq-9/phq9-page-2', { 'phq9-4': '2', 'phq9-5': '1', 'phq9-6': '2' });
      const worrying = await answer(person, '/screening/phq-9/phq9-page-3', {
        'phq9-7': '1',
        'phq9-8': '0',
        'phq9-9': '1',
        'phq9-difficulty': '1',
      });
      assert.equal(worrying.statusCode, 303);
      assert.match(
        String(worrying.headers.location),
        /^\/screening\/support\?next=/,
        'the crisis panel comes first',
      );
      const support = await person.get(String(worrying.headers.location));
      for (const line of ['988', '741741', '911', '(312) 555-0142']) has(support.body, line);
      has(support.body, 'Go on with the questions');

      const row = await db
        .selectFrom('appointment_requests')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      assert.ok(row.safety_flagged_at, 'the request is flagged as soon as the page is saved');
      const outbox = await db.selectFrom('outbox_messages').select(['kind', 'payload']).execute();
      const onCall = outbox.find((message) => message.kind === 'safety_on_call');
      assert.ok(onCall, 'the on-call address is emailed');
      const responses = await db.selectFrom('screening_responses').selectAll().execute();
      assert.ok(
        responses.every(
          (response) =>
            response.sealed_answers.startsWith('v1.') && !response.sealed_answers.includes('phq9'),
        ),
      );
      assert.ok(!testApp.logs.text.includes('phq9-9'), 'no answer in the logs');
      if (testApp.db.config.engine === 'sqlite') {
        const { existsSync, readFileSync } = await import('node:fs');
        for (const path of [testApp.db.config.file, `${testApp.db.config.file}-wal`].filter((p) =>
          existsSync(p),
        )) {
          assert.equal(readFileSync(path).includes('phq9-9'), false, `no answer in plaintext in ${path}`);
        }
      }
      const onCallText = JSON.parse(
        testApp.cipher.open(
          onCall.payload,
          `outbox_messages.payload:${(await db.selectFrom('outbox_messages').select('id').where('kind', '=', 'safety_on_call').executeTakeFirstOrThrow()).id}`,
        ),
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
      const attempt = await clinician.client.post(`/staff/requests/${requestId}/safety`, {
        _csrf: csrfOf(page),
        outcome: 'could_not_reach',
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
      });
      const after = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      assert.ok(!after.includes('<h2>Urgent safety review</h2>'), 'a closing outcome clears the flag');
      has(after, 'has been closed');
      const actions = (
        await db.selectFrom('audit_events').select('action').where('action', 'like', 'safety.%').execute()
      ).map((e) => e.action);
      assert.deepEqual(actions.sort(), ['safety.attempt', 'safety.close', 'safety.flag']);
    });
  });
}

describe('a screening link made from the request page', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('is emailed to the address the person gave, says nothing about their health, and opens their questions', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    const db = testApp.db.handle.db;
    const person = staffClient(app);
    const form = (await person.get('/request-appointment')).body;
    await person.post('/request-appointment', {
      _csrf: csrfOf(form),
      idempotency_key: `link-${Date.now()}`,
      name: 'Pat Linkwell',
      contact_method: 'email',
      email: 'pat.linkwell@example.org',
      location: 'lakeside',
      treatment: 'ketamine',
      concerns: ['anxiety'],
      consent_privacy: 'yes',
      consent_contact: 'yes',
    });
    const requestId = (await db.selectFrom('appointment_requests').select('id').executeTakeFirstOrThrow()).id;
    const desk = await createStaffMember(app, clock, ['front_desk']);
    const page = (await desk.client.get(`/staff/requests/${requestId}`)).body;
    const made = await desk.client.post(`/staff/requests/${requestId}/screening/invite`, {
      _csrf: csrfOf(page),
    });
    assert.equal(made.statusCode, 200);
    has(made.body, 'The link has been emailed');
    const link = /<code>(http[^<]+)<\/code>/.exec(made.body)?.[1];
    assert.ok(link);
    const message = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('kind', '=', 'screening_link')
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(
      testApp.cipher.open(message.payload, `outbox_messages.payload:${message.id}`),
    ) as { to: string; text: string };
    assert.equal(payload.to, 'pat.linkwell@example.org');
    assert.ok(payload.text.includes(link.replaceAll('&amp;', '&')), 'the email carries the link');
    assert.doesNotMatch(
      payload.text,
      /Pat|anxiety|ketamine/i,
      'and nothing about the person or their health',
    );
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', requestId)
      .execute();
    assert.ok(audit.some((entry) => entry.action === 'screening.link_email'));
    const opened = staffClient(app);
    const url = new URL(link.replaceAll('&amp;', '&'));
    assert.equal((await opened.get(`${url.pathname}${url.search}`)).statusCode, 303);
    has((await opened.get('/screening')).body, 'GAD-7');
  });
});

describe('escalation of an unacknowledged urgent review', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('after 60 minutes of opening hours it escalates once, by email, on its own timer', async () => {
    const clock = testClock(Date.parse('2026-11-25T15:00:00Z')); // Wednesday 9:00 Chicago
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    const db = testApp.db.handle.db;
    const { person } = await personWithRequest(app);
    await answer(person, '/screening/phq-9/phq9-page-3', {
      'phq9-7': '0',
      'phq9-8': '0',
      'phq9-9': '2',
      'phq9-difficulty': '0',
    });
    clock.advance(59 * 60_000);
    assert.equal(await app.screening.escalateOverdue(), 0, 'not before the time is up');
    clock.advance(2 * 60_000);
    assert.equal(await app.screening.escalateOverdue(), 1);
    assert.equal(await app.screening.escalateOverdue(), 0, 'only once');
    const kinds = (await db.selectFrom('outbox_messages').select('kind').execute()).map((m) => m.kind);
    assert.ok(kinds.includes('safety_escalation'));
    const escalation = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('kind', '=', 'safety_escalation')
      .executeTakeFirstOrThrow();
    const payload = JSON.parse(
      testApp.cipher.open(escalation.payload, `outbox_messages.payload:${escalation.id}`),
    ) as { text: string; to: string };
    assert.match(payload.text, /staff\/requests\//);
    assert.doesNotMatch(
      payload.text,
      /Alex|phq|item 9|better off dead/i,
      'no health information in the email',
    );
  });

  test('a worrying answer counts even when another question on its page is unanswered', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    const { person } = await personWithRequest(app);
    const partial = await answer(person, '/screening/phq-9/phq9-page-3', { 'phq9-9': '3' });
    assert.equal(
      partial.headers.location,
      `/screening/support?next=${encodeURIComponent('/screening/phq-9/phq9-page-3')}`,
    );
    const row = await testApp.db.handle.db
      .selectFrom('appointment_requests')
      .select('safety_flagged_at')
      .executeTakeFirstOrThrow();
    assert.ok(row.safety_flagged_at);
    const back = await person.get('/screening/phq-9/phq9-page-3');
    has(back.body, /name="phq9-9" value="3" checked/, 'the answer was kept');
  });

  test('on a shared computer, "Forget me on this device" lets go of the link and keeps the answers', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { person } = await personWithRequest(testApp.app);
    await answer(person, '/screening/phq-9/phq9-page-1', { 'phq9-1': '0', 'phq9-2': '0', 'phq9-3': '0' });
    const overview = (await person.get('/screening')).body;
    const forgot = await person.post('/screening/forget', { _csrf: csrfOf(overview) });
    has(forgot.body, 'This device has forgotten your questions');
    assert.equal((await person.get('/screening')).statusCode, 400, 'the browser has no link any more');
    assert.equal(
      (await testApp.db.handle.db.selectFrom('screening_responses').selectAll().execute()).length,
      1,
    );
  });

  test('hours when the clinic is closed do not count', async () => {
    const clock = testClock(Date.parse('2026-11-26T00:30:00Z')); // Wednesday 18:30 Chicago, after closing
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    const { person } = await personWithRequest(app);
    await answer(person, '/screening/phq-9/phq9-page-3', {
      'phq9-7': '0',
      'phq9-8': '0',
      'phq9-9': '1',
      'phq9-difficulty': '0',
    });
    clock.advance(13 * 60 * 60_000); // Thursday 7:30, still closed
    assert.equal(await app.screening.escalateOverdue(), 0);
    clock.advance(90 * 60_000); // Thursday 9:00: one hour open
    assert.equal(await app.screening.escalateOverdue(), 1);
  });
});
