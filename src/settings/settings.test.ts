import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf } from '../../test/helpers/staff.js';
import { createAuditLog } from '../platform/audit/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { createOutbox } from '../platform/mail/index.js';
import { type Actor, ForbiddenError, permissionsOf } from '../staff/index.js';
import { createSystemSettings } from './service.js';

const env = {
  HAVEN_SMTP_URL: 'smtp://haven:hunter2-topsecret@mail.clinic.example:587',
  HAVEN_ONCALL_EMAIL: 'oncall-rota@clinic.example',
  HAVEN_ESCALATION_EMAIL: 'medical-director@clinic.example',
  HAVEN_ESCALATION_MINUTES: '45',
  HAVEN_REQUEST_RETENTION: '2y',
  HAVEN_PCL5_CUTOFF: '32',
};

/** Text as a person reads it: tags dropped, entities and spacing normalised. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

appOnEachEngine('the settings page', (engine, it) => {
  it(
    'an administrator sees the settings in effect, sends a test email, re-queues failed mail and checks the audit log; all audited',
    { content: 'none', env },
    async (testApp, clock) => {
      const { app } = testApp;
      const db = testApp.db.handle.db;
      const admin = await createStaffMember(app, clock, ['admin']);

      const page = await admin.client.get('/staff/settings');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      const shown = text(page.body);
      for (const expected of [
        'mail.clinic.example:587, STARTTLS, signed in as haven',
        'oncall-rota@clinic.example',
        'medical-director@clinic.example, after 45 minutes of opening hours',
        '730 days after they arrived',
        'PCL-5 total read as probable PTSD from HAVEN_PCL5_CUTOFF 32',
        'Signed out after no activity for HAVEN_SESSION_IDLE_MINUTES 15 minutes',
        `Send a test email to ${admin.email}`,
      ]) {
        assert.ok(shown.includes(expected), `the page shows "${expected}"`);
      }
      assert.ok(!page.body.includes('hunter2-topsecret'), 'the SMTP password is never shown');
      assert.ok(!shown.includes('failed email again'), 'no retry button while nothing failed');

      const tested = await admin.client.post('/staff/settings/test-email', { _csrf: csrfOf(page.body) });
      assert.equal(tested.statusCode, 200);
      assert.match(text(tested.body), new RegExp(`A test email to ${admin.email} is queued`));
      const queued = await db
        .selectFrom('outbox_messages')
        .select(['id', 'kind', 'status'])
        .where('kind', '=', 'settings_test')
        .execute();
      assert.equal(queued.length, 1);
      assert.equal(queued[0]?.status, 'pending');

      await db.updateTable('outbox_messages').set({ status: 'failed', last_error: 'ECONNREFUSED' }).execute();
      const withFailure = await admin.client.get('/staff/settings');
      assert.match(
        text(withFailure.body),
        /0 emails waiting, 1 failed for good, 0 sent\. Latest error: ECONNREFUSED/,
      );
      const retried = await admin.client.post('/staff/settings/retry-email', {
        _csrf: csrfOf(withFailure.body),
      });
      assert.match(text(retried.body), /1 email queued again with a fresh set of attempts/);
      const row = await db
        .selectFrom('outbox_messages')
        .select(['status', 'attempts'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { status: row.status, attempts: Number(row.attempts) },
        { status: 'pending', attempts: 0 },
      );

      const verified = await admin.client.post('/staff/settings/verify-audit', {
        _csrf: csrfOf(retried.body),
      });
      assert.match(text(verified.body), /The audit log is intact: \d+ entries, the newest is number \d+/);

      const actions = (
        await db
          .selectFrom('audit_events')
          .select(['action', 'actor_id', 'outcome'])
          .where('action', 'in', ['settings.mail_test', 'settings.mail_retry', 'audit.verify'])
          .orderBy('seq')
          .execute()
      ).map((entry) => `${entry.action} ${entry.outcome} ${entry.actor_id === admin.id}`);
      assert.deepEqual(actions, [
        'settings.mail_test success true',
        'settings.mail_retry success true',
        'audit.verify success true',
      ]);

      // Someone with database access edits an entry: the check names it.
      if (engine === 'postgres') await sql`drop trigger audit_events_no_change on audit_events`.execute(db);
      else await sql`drop trigger audit_events_no_update`.execute(db);
      await sql`update audit_events set action = 'auth.logout' where seq = 2`.execute(db);
      const broken = await admin.client.post('/staff/settings/verify-audit', {
        _csrf: csrfOf(verified.body),
      });
      assert.match(text(broken.body), /The audit log is broken at entry 2 \(hash mismatch\)/);
    },
  );

  it(
    'nobody but an administrator may open the settings, and the service refuses them too',
    { content: 'none', env },
    async (testApp, clock) => {
      const { app } = testApp;
      for (const roles of [['front_desk'], ['clinician'], ['editor']] as const) {
        const member = await createStaffMember(app, clock, [...roles]);
        const page = await member.client.get('/staff/settings');
        assert.equal(page.statusCode, 403, `${roles[0]} is refused`);
        const overview = await member.client.get('/staff');
        assert.ok(!overview.body.includes('/staff/settings'), `${roles[0]} is not offered the link`);
      }
      const admin = await createStaffMember(app, clock, ['admin']);
      assert.ok((await admin.client.get('/staff')).body.includes('href="/staff/settings"'));

      const db = testApp.db.handle.db;
      const settings = createSystemSettings({
        db,
        config: testApp.config,
        audit: createAuditLog({ db, now: clock.now, logger: createLogger({ level: 'silent' }) }),
        outbox: createOutbox({
          db,
          cipher: testApp.cipher,
          now: clock.now,
          publicUrl: testApp.config.publicUrl,
        }),
        activeKeyId: 'test',
      });
      const clinician: Actor = {
        userId: admin.id,
        roles: ['clinician'],
        permissions: permissionsOf(['clinician']),
        ip: null,
        requestId: null,
      };
      await assert.rejects(settings.overview(clinician), ForbiddenError);
      await assert.rejects(settings.sendTestEmail(clinician, 'someone@clinic.example'), ForbiddenError);
      await assert.rejects(settings.retryFailedEmails(clinician), ForbiddenError);
      await assert.rejects(settings.verifyAudit(clinician), ForbiddenError);
      const outbox = await db.selectFrom('outbox_messages').select('id').execute();
      assert.equal(outbox.length, 0, 'a refused call sends nothing');
    },
  );
});
