import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import { GENESIS_HASH, hashAuditEntry, toAuditRow } from './chain.js';

export type ChainBreak = 'hash mismatch' | 'prev_hash mismatch' | 'gap in sequence';

export type AuditChainResult =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; firstBroken: { seq: number; reason: ChainBreak } };

/**
 * Walks the whole audit log in order and reports the first entry that breaks the chain: a row edited in
 * place (its hash no longer matches), a row deleted or reordered (a gap, or a prev_hash that is not the
 * hash before it). Deleting the newest rows leaves an intact but shorter chain: compare the head with the
 * last one written to the log (head-anchor.ts) to catch that.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number } = {},
): Promise<AuditChainResult> {
  const batchSize = options.batchSize ?? 1000;
  let previous: { seq: number; hash: string } | null = null;
  let count = 0;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(batchSize);
    if (previous) query = query.where('seq', '>', previous.seq);
    const rows = (await query.execute()).map(toAuditRow);
    if (rows.length === 0) break;
    for (const row of rows) {
      const expectedSeq: number = previous ? previous.seq + 1 : 1;
      if (row.seq !== expectedSeq)
        return { ok: false, firstBroken: { seq: row.seq, reason: 'gap in sequence' } };
      if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) {
        return { ok: false, firstBroken: { seq: row.seq, reason: 'prev_hash mismatch' } };
      }
      if (hashAuditEntry(row) !== row.hash) {
        return { ok: false, firstBroken: { seq: row.seq, reason: 'hash mismatch' } };
      }
      previous = { seq: row.seq, hash: row.hash };
      count += 1;
    }
  }
  return { ok: true, count, head: previous };
}
