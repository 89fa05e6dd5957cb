import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * The mail worker's SQL (decision 014). Timestamps are ISO-8601 UTC strings: on SQLite they compare as
 * text, which orders them correctly because every one is written by toISOString(); on PostgreSQL they are
 * timestamptz.
 */

export interface ClaimedMessage {
  id: string;
  kind: string;
  payload: string;
  messageId: string;
  /** This attempt's number, counting it: 1 for the first. */
  attempt: number;
}

export interface OutboxCounts {
  pending: number;
  failed: number;
  /** The most attempts any pending message has used. */
  mostPendingAttempts: number;
  /** The error of the most recent attempt, or null when it succeeded (or nothing was tried yet). */
  latestError: string | null;
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;

export function createOutboxStore(db: Kysely<Database>) {
  return {
    /** Pending messages that are due and not leased, oldest first. Claim each before sending it. */
    async dueIds(now: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },

    /**
     * Takes the lease on one message, if it is still due and free. The conditions are checked again by the
     * UPDATE itself, so of two workers that both saw the message, exactly one changes the row: SQLite runs
     * one write at a time, and PostgreSQL re-reads a row locked by another UPDATE before applying its own.
     * The attempt is counted now, so a message that crashes the process also runs out of attempts.
     */
    async claim(id: string, now: string, leaseUntil: string): Promise<ClaimedMessage | undefined> {
      const row = await db
        .updateTable('outbox_messages')
        .set((eb) => ({
          locked_until: leaseUntil,
          last_attempt_at: now,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .returning(['id', 'kind', 'payload', 'message_id', 'attempts'])
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        messageId: row.message_id,
        attempt: Number(row.attempts),
      };
    },

    /** After the server accepted the message: it is never sent again. */
    async markSent(id: string, now: string): Promise<void> {
      await db
        .updateTable('outbox_messages')
        .set({ status: 'sent', sent_at: now, locked_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
    },

    async markRetry(id: string, error: string, nextAttemptAt: string): Promise<void> {
      await db
        .updateTable('outbox_messages')
        .set({ next_attempt_at: nextAttemptAt, locked_until: null, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    async markFailed(id: string, error: string): Promise<void> {
      await db
        .updateTable('outbox_messages')
        .set({ status: 'failed', locked_until: null, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },

    async counts(): Promise<OutboxCounts> {
      const byStatus = await db
        .selectFrom('outbox_messages')
        .select((eb) => [
          'status',
          eb.fn.countAll<number | string>().as('count'),
          eb.fn.max('attempts').as('most_attempts'),
        ])
        .where('status', 'in', ['pending', 'failed'])
        .groupBy('status')
        .execute();
      const latest = await db
        .selectFrom('outbox_messages')
        .select('last_error')
        .where('last_attempt_at', 'is not', null)
        .orderBy('last_attempt_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const pending = byStatus.find((row) => row.status === 'pending');
      const failed = byStatus.find((row) => row.status === 'failed');
      return {
        pending: Number(pending?.count ?? 0),
        failed: Number(failed?.count ?? 0),
        mostPendingAttempts: Number(pending?.most_attempts ?? 0),
        latestError: latest?.last_error ?? null,
      };
    },
  };
}
