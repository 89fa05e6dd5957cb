import type { Kysely } from 'kysely';
import { type AuditEventFilter, type AuditPage, listAuditEvents } from '../platform/audit/index.js';
import type { Database } from '../platform/database/schema.js';
import { type Actor, requirePermission } from './permissions.js';

/**
 * The audit log as staff read it. Only someone with `audit:read` may list entries: checked here as well as
 * at the route, so a later caller that forgets the route's rule (a job, another page) cannot read the log
 * (ForbiddenError). The platform's query knows no roles (decision 022).
 */
export async function readAuditLog(
  db: Kysely<Database>,
  actor: Actor,
  filter: AuditEventFilter,
): Promise<AuditPage> {
  requirePermission(actor, 'audit:read');
  return listAuditEvents(db, filter);
}
