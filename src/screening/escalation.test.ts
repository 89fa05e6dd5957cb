import assert from 'node:assert/strict';
import { afterEach, describe, type TestContext, test } from 'node:test';
import { buildTestApp, LogCapture, type TestApp } from '../../test/helpers/app.js';
import { ENGINES, postgresUnavailableReason } from '../../test/helpers/database.js';
import { createTestSmtpServer } from '../../test/helpers/smtp-server.js';
import { createStaffMember, csrfOf, testClock } from '../../test/helpers/staff.js';
import { skipOrFail } from '../../test/helpers/strict.js';
import { parseSmtpUrl } from '../platform/config/mail-settings.js';
import { createLogger } from '../platform/logging/logger.js';
import { createMailWorker, createSmtpTransport } from '../platform/mail/index.js';
import { answerItem9, has, personWithRequest } from './test-person.js';

/**
 * Decision 017: an urgent review nobody acknowledges within HAVEN_ESCALATION_MINUTES of opening hours goes
 * to HAVEN_ESCALATION_EMAIL, once, audited, whatever became of the on-call email, and never counting the
 * hours the clinic is closed. The demo clinic (Chicago) opens Monday to Friday 8:00–18:00, Saturday 9:00–13:00.
 */

const ADDRESSES = {
  HAVEN_ONCALL_EMAIL: 'oncall.person@clinic.example.org',
  HAVEN_ESCALATION_EMAIL: 'medical.director@clinic.example.org',
};
const MINUTE = 60_000;

async function payloadsOf(testApp: TestApp, kind: string) {
  const rows = await testApp.db.handle.db
    .selectFrom('outbox_messages')
    .select(['id', 'payload', 'status'])
    .where('kind', '=', kind)
    .execute();
  return rows.map((row) => ({
    status: row.status,
    ...(JSON.parse(testApp.cipher.open(row.payload, `outbox_messages.payload:${row.id}`)) as {
      to: string;
      subject: string;
      text: string;
    }),
  }));
}

for (const engine of ENGINES) {
  describe(`escalation of an unacknowledged urgent review [${engine}]`, () => {
    let testApp: TestApp | undefined;
    afterEach(() => testApp?.close());

    /** A request flagged by item 9 at `start`, on an app with these settings. */
    async function flaggedAt(t: TestContext, start: string, env: Record<string, string> = {}) {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) {
          skipOrFail(t, reason);
          return null;
        }
      }
      const clock = testClock(Date.parse(start));
      testApp = await buildTestApp({ engine, now: clock.now, content: 'none', env });
      const { person, requestId } = await personWithRequest(testApp);
      await answerItem9(person, '1');
      return { clock, requestId, app: testApp.app, db: testApp.db.handle.db, testApp };
    }

    test('after HAVEN_ESCALATION_MINUTES of opening hours it emails HAVEN_ESCALATION_EMAIL once, audited, with nothing about the person', async (t) => {
      // Wednesday 9:00 in Chicago, a review time of 20 minutes instead of the default 60.
      const flagged = await flaggedAt(t, '2026-11-25T15:00:00Z', {
        ...ADDRESSES,
        HAVEN_ESCALATION_MINUTES: '20',
      });
      if (!flagged) return;
      const { clock, requestId, app, db } = flagged;
      clock.advance(19 * MINUTE);
      assert.equal(await app.screening.escalateOverdue(), 0, 'not before the 20 minutes are up');
      clock.advance(2 * MINUTE);
      assert.equal(await app.screening.escalateOverdue(), 1);
      assert.equal(await app.screening.escalateOverdue(), 0, 'only once');

      const [onCall] = await payloadsOf(flagged.testApp, 'safety_on_call');
      assert.equal(onCall?.to, ADDRESSES.HAVEN_ONCALL_EMAIL);
      const escalations = await payloadsOf(flagged.testApp, 'safety_escalation');
      assert.equal(escalations.length, 1);
      const [escalation] = escalations;
      assert.equal(escalation?.to, ADDRESSES.HAVEN_ESCALATION_EMAIL, 'the escalation address, not on-call');
      assert.ok(escalation?.text.includes(`/staff/requests/${requestId}`), 'a link to the request');
      assert.match(escalation!.text, /waited 21 minutes of opening hours/);
      assert.doesNotMatch(
        `${escalation?.subject}\n${escalation?.text}`,
        /Alex|0144|phq|item 9|better off dead|self-harm|hurting|ptsd|depression|\btms\b/i,
        'no health information, nor who the person is',
      );

      const audit = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'safety.escalate')
        .execute();
      assert.equal(audit.length, 1, 'the escalation is audited once');
      assert.equal(audit[0]?.actor_kind, 'system');
      assert.equal(audit[0]?.target_id, requestId);
      assert.deepEqual(JSON.parse(audit[0]!.details), { open_minutes: 21 });

      const clinician = await createStaffMember(app, clock, ['clinician']);
      const page = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      has(page, 'Urgent safety review');
      has(page, /Escalated:<\/strong> no one acknowledged it in time/, 'the review is marked escalated');
    });

    for (const state of ['pending', 'sent', 'failed'] as const) {
      test(`it escalates whatever became of the on-call email (${state})`, async (t) => {
        const flagged = await flaggedAt(t, '2026-11-25T15:00:00Z', ADDRESSES);
        if (!flagged) return;
        const { clock, app, db } = flagged;
        if (state !== 'pending') {
          // A real delivery attempt to a real SMTP server: up, it takes the email; down, the email fails.
          const smtp = await createTestSmtpServer({ started: state === 'sent' });
          const worker = createMailWorker({
            db,
            cipher: flagged.testApp.cipher,
            transport: createSmtpTransport({
              smtp: parseSmtpUrl(smtp.url)!,
              from: 'Haven <no-reply@clinic.example.org>',
              timeoutMs: 2000,
            }),
            logger: createLogger({ level: 'silent', destination: new LogCapture() }),
            now: clock.now,
            maxAttempts: 1,
          });
          await worker.drainOnce();
          await worker.stop();
          await smtp.stop();
          if (state === 'sent')
            assert.ok(smtp.received.some((mail) => mail.to.includes(ADDRESSES.HAVEN_ONCALL_EMAIL)));
        }
        const [onCall] = await payloadsOf(flagged.testApp, 'safety_on_call');
        assert.equal(onCall?.status, state, `the on-call email is ${state}`);
        clock.advance(61 * MINUTE);
        assert.equal(await app.screening.escalateOverdue(), 1);
        const [escalation] = await payloadsOf(flagged.testApp, 'safety_escalation');
        assert.equal(escalation?.to, ADDRESSES.HAVEN_ESCALATION_EMAIL);
      });
    }

    test('hours when the clinic is closed do not count: evenings, nights and Sundays', async (t) => {
      // Wednesday 18:30 in Chicago, after closing.
      const evening = await flaggedAt(t, '2026-11-26T00:30:00Z');
      if (!evening) return;
      evening.clock.advance(13 * 60 * MINUTE); // Thursday 7:30, still closed
      assert.equal(
        await evening.app.screening.escalateOverdue(),
        0,
        'a night of closed hours counts for nothing',
      );
      evening.clock.advance(89 * MINUTE); // Thursday 8:59: 59 minutes open
      assert.equal(await evening.app.screening.escalateOverdue(), 0);
      evening.clock.advance(2 * MINUTE); // Thursday 9:01
      assert.equal(await evening.app.screening.escalateOverdue(), 1);
      await testApp?.close();
      testApp = undefined;

      // Saturday 12:30 (open until 13:00): 30 minutes, then Sunday closed, then Monday from 8:00.
      const weekend = await flaggedAt(t, '2026-11-28T18:30:00Z');
      if (!weekend) return;
      weekend.clock.advance(43 * 60 * MINUTE + 59 * MINUTE); // Monday 8:29: 30 + 29 minutes open
      assert.equal(await weekend.app.screening.escalateOverdue(), 0, 'Sunday counts for nothing');
      weekend.clock.advance(2 * MINUTE); // Monday 8:31: 61 minutes open
      assert.equal(await weekend.app.screening.escalateOverdue(), 1);
    });

    test('a review a clinician has closed never escalates; one only tried keeps its timer', async (t) => {
      const flagged = await flaggedAt(t, '2026-11-25T15:00:00Z');
      if (!flagged) return;
      const { clock, app, requestId: tried } = flagged;
      const second = await personWithRequest(flagged.testApp);
      await answerItem9(second.person, '2');
      const clinician = await createStaffMember(app, clock, ['clinician']);
      for (const [requestId, outcome] of [
        [tried, 'could_not_reach'],
        [second.requestId, 'reached'],
      ] as const) {
        const page = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
        const recorded = await clinician.client.post(`/staff/requests/${requestId}/safety`, {
          _csrf: csrfOf(page),
          outcome,
          confirm: 'yes',
          note: 'Recorded by the test.',
        });
        assert.equal(recorded.statusCode, 303);
      }
      clock.advance(61 * MINUTE);
      assert.equal(await app.screening.escalateOverdue(), 1, 'only the review that is still open');
      const escalated = await flagged.db
        .selectFrom('appointment_requests')
        .select(['id', 'safety_escalated_at'])
        .where('safety_escalated_at', 'is not', null)
        .execute();
      assert.deepEqual(
        escalated.map((row) => row.id),
        [tried],
        '"could not reach" keeps the timer; a closing outcome ends it',
      );
    });
  });
}
