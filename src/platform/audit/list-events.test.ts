import assert from 'node:assert/strict';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createLogger } from '../logging/logger.js';
import { type AuditEvent, createAuditLog } from './audit-log.js';
import { listAuditEvents } from './list-events.js';

const ADMIN = '0192f5e0-0000-7000-8000-00000000000a';
const CLINICIAN = '0192f5e0-0000-7000-8000-00000000000c';

/** Ten entries, one a minute from 09:00, each a different mix of actor, action, outcome and target. */
const EVENTS: AuditEvent[] = [
  {
    actorKind: 'anonymous',
    action: 'auth.login',
    outcome: 'failure',
    details: { reason: 'bad_credentials' },
  },
  { actorKind: 'staff', actorId: ADMIN, action: 'auth.login', outcome: 'success' },
  { actorKind: 'staff', actorId: ADMIN, action: 'auth.mfa.verify', outcome: 'success' },
  {
    actorKind: 'staff',
    actorId: ADMIN,
    action: 'user.create',
    outcome: 'success',
    targetType: 'staff_user',
    targetId: CLINICIAN,
  },
  { actorKind: 'staff', actorId: CLINICIAN, action: 'auth.login', outcome: 'success' },
  { actorKind: 'staff', actorId: CLINICIAN, action: 'auth.mfa.verify', outcome: 'failure' },
  { actorKind: 'staff', actorId: CLINICIAN, action: 'auth.mfa.verify', outcome: 'success' },
  {
    actorKind: 'staff',
    actorId: CLINICIAN,
    action: 'user.disable',
    outcome: 'denied',
    targetType: 'staff_user',
    targetId: ADMIN,
  },
  {
    actorKind: 'staff',
    actorId: ADMIN,
    action: 'user.reset_mfa',
    outcome: 'success',
    targetType: 'staff_user',
    targetId: CLINICIAN,
  },
  { actorKind: 'cli', action: 'auth_x.login', outcome: 'success' },
];

forEachEngine('audit event list', (_engine, it) => {
  it('filters by actor, action prefix, outcome, target and time, newest first, page by page', async ({
    handle,
  }) => {
    let minute = 0;
    const now = () => new Date(Date.UTC(2026, 10, 25, 9, minute++));
    const audit = createAuditLog({ db: handle.db, now, logger: createLogger({ level: 'silent' }) });
    for (const event of EVENTS) await audit.record(event);
    const seqs = async (filter: Omit<Parameters<typeof listAuditEvents>[1], 'limit'>) =>
      (await listAuditEvents(handle.db, { ...filter, limit: 50 })).events.map((event) => event.seq);

    assert.deepEqual(await seqs({}), [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.deepEqual(await seqs({ actorId: CLINICIAN }), [8, 7, 6, 5]);
    assert.deepEqual(await seqs({ action: 'auth' }), [7, 6, 5, 3, 2, 1], 'auth_x is not under auth');
    assert.deepEqual(await seqs({ action: 'auth.mfa' }), [7, 6, 3]);
    assert.deepEqual(await seqs({ action: 'user.reset_mfa' }), [9]);
    assert.deepEqual(await seqs({ action: 'user.reset' }), [], 'a prefix ends at a dot');
    assert.deepEqual(await seqs({ outcome: 'failure' }), [6, 1]);
    assert.deepEqual(await seqs({ targetType: 'staff_user', targetId: CLINICIAN }), [9, 4]);
    assert.deepEqual(
      await seqs({ from: new Date('2026-11-25T09:02:00Z'), to: new Date('2026-11-25T09:05:00Z') }),
      [5, 4, 3],
      'from is inclusive, to exclusive',
    );
    assert.deepEqual(await seqs({ actorId: ADMIN, action: 'auth', outcome: 'success' }), [3, 2]);

    const first = await listAuditEvents(handle.db, { limit: 4 });
    assert.deepEqual(
      first.events.map((event) => event.seq),
      [10, 9, 8, 7],
    );
    assert.equal(first.nextBefore, 7);
    const second = await listAuditEvents(handle.db, { limit: 4, before: first.nextBefore! });
    assert.deepEqual(
      second.events.map((event) => event.seq),
      [6, 5, 4, 3],
    );
    const last = await listAuditEvents(handle.db, { limit: 4, before: second.nextBefore! });
    assert.deepEqual(
      last.events.map((event) => event.seq),
      [2, 1],
    );
    assert.equal(last.nextBefore, null);

    const [failed] = (await listAuditEvents(handle.db, { limit: 1, before: 2 })).events;
    assert.deepEqual(failed, {
      seq: 1,
      at: '2026-11-25T09:00:00.000Z',
      actorId: null,
      actorKind: 'anonymous',
      action: 'auth.login',
      outcome: 'failure',
      targetType: null,
      targetId: null,
      ip: null,
      requestId: null,
      details: { reason: 'bad_credentials' },
    });
  });
});
