import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log (decision 012). Each entry's hash covers every other field and the previous
 * entry's hash, serialised canonically: a JSON array in a fixed order, so no field can be moved into another
 * and the text never depends on an engine's column order or a driver's key order.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** One stored entry as both engines return it, `seq` made a number. */
export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export function hashAuditEntry(entry: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    'haven-audit-v1',
    entry.seq,
    entry.at,
    entry.actor_id,
    entry.actor_kind,
    entry.action,
    entry.outcome,
    entry.target_type,
    entry.target_id,
    entry.ip,
    entry.request_id,
    entry.details,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** pg returns bigint as a string; SQLite returns a number. Sequence numbers stay far below 2^53. */
export function toAuditRow(row: Omit<AuditRow, 'seq'> & { seq: number | string }): AuditRow {
  return { ...row, seq: Number(row.seq) };
}
