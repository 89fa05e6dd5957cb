import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * What the operator can do about mail from the command line (`haven mail status`, `haven mail retry`):
 * a message that used all its attempts stays `failed`, and the staff banner with it, until someone fixes
 * the mail server and sends it again. Nothing here reads a payload: they hold addresses.
 */

export interface MailStatus {
  pending: number;
  failed: number;
  sent: number;
  /** When the oldest message still waiting was queued, or null when none waits. */
  oldestPendingAt: string | null;
  /** The error class of the most recent failed attempt of a waiting or failed message. */
  latestError: string | null;
}

export async function mailStatus(db: Kysely<Database>): Promise<MailStatus> {
  const byStatus = await db
    .selectFrom('outbox_messages')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(byStatus.find((row) => row.status === status)?.count ?? 0);
  const oldest = await db
    .selectFrom('outbox_messages')
    .select('created_at')
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  const latest = await db
    .selectFrom('outbox_messages')
    .select('last_error')
    .where('status', 'in', ['pending', 'failed'])
    .where('last_error', 'is not', null)
    .orderBy('last_attempt_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    pending: count('pending'),
    failed: count('failed'),
    sent: count('sent'),
    oldestPendingAt: oldest ? new Date(oldest.created_at).toISOString() : null,
    latestError: latest?.last_error ?? null,
  };
}

/**
 * Puts every failed message back in the queue with a fresh set of attempts, due now; a running Haven's
 * worker picks them up at its next poll. Their Message-IDs stay, so a server that did accept one earlier
 * (and only the reply was lost) can recognise the copy.
 */
export async function retryFailedMail(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString(), locked_until: null })
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
