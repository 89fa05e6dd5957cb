import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
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

export interface AuditHeadAnchor {
  /** Stops the timer and waits for a check in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Writes the newest audit entry's sequence number and hash to the log, `{ auditHead: { seq, hash } }`,
 * whenever it has changed: a copy of the chain's head outside the database. Someone who can rewrite the
 * table can rebuild a consistent chain, or cut its end off; they cannot reach back into shipped logs, and
 * `audit verify` output compared with the last anchored head shows it (decision 012).
 */
export function startAuditHeadAnchor(deps: {
  db: Kysely<Database>;
  logger: Logger;
  intervalMs: number;
}): AuditHeadAnchor {
  const { db, logger, intervalMs } = deps;
  let last: AuditHead | null = null;
  let running: Promise<void> | undefined;
  let stopped = false;

  const check = async () => {
    try {
      const head = await readAuditHead(db);
      if (stopped || head === null) return;
      if (last && last.seq === head.seq && last.hash === head.hash) return;
      last = head;
      logger.info({ auditHead: head }, 'audit log head');
    } catch (error) {
      if (!stopped) logger.warn({ err: error }, 'could not read the audit log head');
    }
  };
  const tick = () => {
    running ??= check().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
