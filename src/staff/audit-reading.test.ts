import assert from 'node:assert/strict';
import { forEachEngine } from '../../test/helpers/engines.js';
import { createAuditLog } from '../platform/audit/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { readAuditLog } from './audit-reading.js';
import { type Actor, ForbiddenError, permissionsOf, type Role } from './permissions.js';

const CLINICIAN = '0192f5e0-0000-7000-8000-00000000000c';

const actor = (userId: string, roles: Role[]): Actor => ({
  userId,
  roles,
  permissions: permissionsOf(roles),
  ip: null,
  requestId: null,
});

const EVENTS = [
  { actorKind: 'anonymous', action: 'auth.login', outcome: 'failure' },
  { actorKind: 'staff', actorId: CLINICIAN, action: 'auth.login', outcome: 'success' },
  { actorKind: 'staff', actorId: CLINICIAN, action: 'auth.mfa.verify', outcome: 'success' },
] as const;

forEachEngine('reading the audit log as staff', (_engine, it) => {
  it('only someone whose roles grant audit:read may list entries, whatever the route says', async ({
    handle,
  }) => {
    const audit = createAuditLog({
      db: handle.db,
      now: () => new Date('2026-11-25T09:00:00Z'),
      logger: createLogger({ level: 'silent' }),
    });
    for (const event of EVENTS) await audit.record({ ...event });
    for (const roles of [
      ['front_desk'],
      ['clinician'],
      ['editor'],
      ['front_desk', 'clinician', 'editor'],
    ] as Role[][]) {
      await assert.rejects(
        readAuditLog(handle.db, actor(CLINICIAN, roles), { limit: 50 }),
        (error: unknown) => error instanceof ForbiddenError && error.permission === 'audit:read',
        `${roles.join(' + ')} may not read the audit log`,
      );
    }
    const page = await readAuditLog(handle.db, actor(CLINICIAN, ['clinician', 'admin']), { limit: 50 });
    assert.equal(page.events.length, EVENTS.length, 'an administrator (with other roles too) reads it all');
  });
});
