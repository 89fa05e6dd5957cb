import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { Job } from '../jobs/index.js';
import type { Logger } from '../logging/logger.js';

export interface AuditHead {
  seq: number;
  hash: string;
}

export async function readAuditHead(db: Kysely<Database>): Promise<AuditHead | null> {
  const head = await db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : null;
}

/**
 * Writes the newest audit entry's sequence number and hash to the log, `{ auditHead: { seq, hash } }`,
 * whenever it has changed: a copy of the chain's head outside the database. Someone who can rewrite the
 * table can rebuild a consistent chain, or cut its end off; they cannot reach back into shipped logs, and
 * `audit verify` output compared with the last anchored head shows it (decision 012). A process job: each
 * process writes to its own log, so each anchors what it last saw.
 */
export function auditHeadAnchorJob(deps: { db: Kysely<Database>; logger: Logger; every: number }): Job {
  const { db, logger } = deps;
  let last: AuditHead | null = null;
  return {
    name: 'audit head anchor',
    scope: 'process',
    every: deps.every,
    run: async () => {
      const head = await readAuditHead(db);
      if (head === null) return;
      if (last && last.seq === head.seq && last.hash === head.hash) return;
      last = head;
      logger.info({ auditHead: head }, 'audit log head');
    },
  };
}
