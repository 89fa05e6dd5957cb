import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.js';
import { type AuditRow, toAuditRow } from './chain.js';

export interface AuditEventFilter {
  actorId?: string;
  /** `auth` finds auth.login and auth.mfa.verify; `auth.mfa` finds auth.mfa.verify. */
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  /** Entries at or after this instant. */
  from?: Date;
  /** Entries before this instant. */
  to?: Date;
  /** Keyset pagination: entries older than this sequence number (the previous page's `nextBefore`). */
  before?: number;
  limit: number;
}

/** An entry for the staff audit page; details parsed, the chain fields left for verifyAuditChain. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorKind: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  events: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    outcome: row.outcome,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    requestId: row.request_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/**
 * Newest first, keyset-paginated on `seq`, so a page stays cheap however long the log grows. This reads the
 * log for anyone who calls it: the platform knows no roles (decision 022), so the staff feature's
 * `readAuditLog` checks `audit:read` before it calls this, and nothing else may.
 */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditEventFilter): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit), 1), 500);
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(limit + 1);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined) {
    const prefix = filter.action;
    // substr rather than LIKE, whose `_` wildcard would match any character in codes such as reset_mfa.
    query = query.where((eb) =>
      eb.or([eb('action', '=', prefix), eb(sql`substr(action, 1, ${prefix.length + 1})`, '=', `${prefix}.`)]),
    );
  }
  if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
  if (filter.targetType !== undefined) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('target_id', '=', filter.targetId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from.toISOString());
  if (filter.to !== undefined) query = query.where('at', '<', filter.to.toISOString());
  if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
  const rows = (await query.execute()).map(toAuditRow);
  const events = rows.slice(0, limit).map(toEntry);
  return { events, nextBefore: rows.length > limit ? events.at(-1)!.seq : null };
}
