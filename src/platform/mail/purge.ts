import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * Delivered messages older than a cut-off are deleted: their sealed payload still holds an address, and once
 * the mail is delivered the clinic has no need of it. Pending and failed messages are kept whatever their
 * age, so nothing undelivered disappears. Returns how many were deleted.
 */
export async function purgeSentMessages(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('outbox_messages')
    .where('status', '=', 'sent')
    .where('sent_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
