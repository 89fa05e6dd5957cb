import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine } from '../../test/helpers/engines.js';
import { parseAge } from '../cli/request-commands.js';
import { createAuditLog, verifyAuditChain } from '../platform/audit/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { requestsRepository } from './repository.js';
import { purgeClosedRequests } from './service.js';

forEachEngine('the retention purge', (_engine, it) => {
  it('deletes closed requests older than the cut-off, keeps open and recent ones, and audits each deletion', async (database) => {
    const db = database.handle.db;
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
});

test('ages for --older-than', () => {
  assert.equal(parseAge('365d'), 365);
  assert.equal(parseAge('52w'), 364);
  assert.equal(parseAge('12m'), 360);
  assert.equal(parseAge('2y'), 730);
  for (const bad of ['', '0d', '365', 'a year', '-5d', '10h']) assert.equal(parseAge(bad), null, bad);
});
