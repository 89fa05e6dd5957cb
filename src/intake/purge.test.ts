import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { LogCapture } from '../../test/helpers/app.js';
import { forEachEngine } from '../../test/helpers/engines.js';
import { createAuditLog, verifyAuditChain } from '../platform/audit/index.js';
import { parseAge } from '../platform/config/settings.js';
import { createJobRunner } from '../platform/jobs/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { requestsRepository } from './repository.js';
import { requestRetentionJob } from './retention.js';
import { purgeClosedRequests } from './service.js';

const row = (id: string, status: string, created: string) => ({
  id,
  idempotency_key: `key-${id}`,
  status,
  location: 'lakeside',
  treatment: 'tms',
  contact_method: 'phone',
  concerns_minor: 0,
  sms_consent: 0,
  sealed: 'v1.test.sealed',
  assignee_id: null,
  created_at: created,
  updated_at: created,
  closed_at: null,
  safety_flagged_at: null,
  safety_closed_at: null,
  safety_escalated_at: null,
});

forEachEngine('the retention purge', (engine, it) => {
  it('deletes closed requests older than the cut-off, keeps open and recent ones, and audits each deletion', async (database) => {
    const db = database.handle.db;
    const ids = {
      oldClosed: '01936b2a-0000-7000-8000-000000000001',
      oldNotFit: '01936b2a-0000-7000-8000-000000000002',
      oldOpen: '01936b2a-0000-7000-8000-000000000003',
      recentClosed: '01936b2a-0000-7000-8000-000000000004',
    };
    await requestsRepository.insert(db, row(ids.oldClosed, 'closed', '2024-01-10T10:00:00.000Z'));
    await requestsRepository.insert(db, row(ids.oldNotFit, 'not_a_fit', '2024-02-10T10:00:00.000Z'));
    await requestsRepository.insert(db, row(ids.oldOpen, 'contacted', '2024-01-10T10:00:00.000Z'));
    await requestsRepository.insert(db, row(ids.recentClosed, 'closed', '2026-11-01T10:00:00.000Z'));
    await requestsRepository.insertEvent(db, {
      id: '01936b2a-0000-7000-8000-0000000000e1',
      request_id: ids.oldClosed,
      at: '2024-01-11T10:00:00.000Z',
      actor_id: null,
      kind: 'note',
      status_from: null,
      status_to: null,
      sealed_note: 'v1.test.note',
    });
    const audit = createAuditLog({
      db,
      now: () => new Date('2026-11-25T12:00:00Z'),
      logger: createLogger({ level: 'silent' }),
    });
    const purged = await purgeClosedRequests({ db, audit }, new Date('2025-11-25T12:00:00Z'));
    assert.equal(purged, 2);
    const left = (await db.selectFrom('appointment_requests').select('id').orderBy('id').execute()).map(
      (r) => r.id,
    );
    assert.deepEqual(left, [ids.oldOpen, ids.recentClosed]);
    assert.equal(
      (await db.selectFrom('appointment_request_events').selectAll().execute()).length,
      0,
      'notes go with them',
    );
    const entries = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'actor_kind'])
      .execute();
    assert.deepEqual(entries.map((e) => `${e.action} ${e.actor_kind} ${e.target_id}`).sort(), [
      `request.purge cli ${ids.oldClosed}`,
      `request.purge cli ${ids.oldNotFit}`,
    ]);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
  it('two purges at the same moment (two processes on one database) delete and audit each request once', async (database) => {
    const db = database.handle.db;
    const ids = Array.from({ length: 6 }, (_, i) => `01936b2a-0000-7000-8000-00000000010${i}`);
    for (const id of ids) await requestsRepository.insert(db, row(id, 'closed', '2024-01-10T10:00:00.000Z'));
    const audit = createAuditLog({
      db,
      now: () => new Date('2026-11-25T12:00:00Z'),
      logger: createLogger({ level: 'silent' }),
    });
    const before = new Date('2025-11-25T12:00:00Z');
    // Four open connections first, so the four purges start together rather than one connection at a time.
    if (engine === 'postgres')
      await Promise.all([1, 2, 3, 4].map(() => sql`select pg_sleep(0.05)`.execute(db)));
    const counts = await Promise.all([1, 2, 3, 4].map(() => purgeClosedRequests({ db, audit }, before)));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      ids.length,
      'together they deleted each request once',
    );
    const targets = (await db.selectFrom('audit_events').select('target_id').execute()).map(
      (e) => e.target_id,
    );
    assert.deepEqual(targets.sort(), [...ids].sort(), 'one request.purge entry per request');
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
  it('with HAVEN_REQUEST_RETENTION set, the server deletes old closed requests and delivered emails on its own, as the system', async (database) => {
    const db = database.handle.db;
    const now = new Date('2026-11-25T12:00:00Z');
    const oldClosed = '01936b2a-0000-7000-8000-000000000011';
    const oldOpen = '01936b2a-0000-7000-8000-000000000012';
    await requestsRepository.insert(db, row(oldClosed, 'closed', '2025-01-10T10:00:00.000Z'));
    await requestsRepository.insert(db, row(oldOpen, 'new', '2025-01-10T10:00:00.000Z'));
    const mail = (id: string, status: string, sentAt: string | null) => ({
      id,
      kind: 'request.new',
      message_id: `<${id}@haven.test>`,
      payload: 'v1.test.mail',
      status: status as 'sent' | 'pending',
      attempts: status === 'sent' ? 1 : 0,
      next_attempt_at: '2025-01-10T10:00:00.000Z',
      locked_until: null,
      last_attempt_at: sentAt,
      last_error: null,
      created_at: '2025-01-10T10:00:00.000Z',
      sent_at: sentAt,
    });
    await db
      .insertInto('outbox_messages')
      .values([
        mail('01936b2a-0000-7000-8000-0000000000a1', 'sent', '2025-01-10T10:01:00.000Z'),
        mail('01936b2a-0000-7000-8000-0000000000a2', 'pending', null),
      ])
      .execute();
    const logs = new LogCapture();
    const logger = createLogger({ level: 'info', destination: logs });
    const schedule = createJobRunner({ db, logger, now: () => now });
    schedule.add([
      requestRetentionJob({
        db,
        audit: createAuditLog({ db, now: () => now, logger }),
        logger,
        olderThanDays: 365,
        now: () => now,
      }),
    ]);
    try {
      assert.equal(await schedule.runNow('request retention'), true);
    } finally {
      await schedule.stop();
    }
    const left = await db.selectFrom('appointment_requests').select('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      [oldOpen],
      'the open request stays whatever its age',
    );
    const mails = await db.selectFrom('outbox_messages').select(['status']).execute();
    assert.deepEqual(
      mails.map((m) => m.status),
      ['pending'],
      'an undelivered email is kept',
    );
    const entries = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_kind', 'target_id'])
      .execute();
    assert.deepEqual(
      entries.map((e) => `${e.action} ${e.actor_kind} ${e.target_id}`),
      [`request.purge system ${oldClosed}`],
    );
    assert.match(logs.text, /retention: deleted closed requests/);
  });
});

test('ages for --older-than', () => {
  assert.equal(parseAge('365d'), 365);
  assert.equal(parseAge('52w'), 364);
  assert.equal(parseAge('12m'), 360);
  assert.equal(parseAge('2y'), 730);
  for (const bad of ['', '0d', '365', 'a year', '-5d', '10h']) assert.equal(parseAge(bad), null, bad);
});
