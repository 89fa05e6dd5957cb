import type { Kysely } from 'kysely';
import { timestampType } from './helpers.js';

/**
 * The mail outbox (decision 014): a message is written in the same transaction as the change that causes
 * it, and a worker delivers it afterwards. `payload` (recipient, subject, text) is envelope-encrypted
 * (decision 011), because a patient's email address is personal information. `locked_until` is the lease a
 * worker holds while it sends, so two Haven processes never send the same message at the same moment.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const at = timestampType(db);
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('kind', 'varchar(50)', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('message_id', 'varchar(255)', (col) => col.notNull().unique())
    .addColumn('status', 'varchar(10)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', at, (col) => col.notNull())
    .addColumn('locked_until', at)
    .addColumn('last_attempt_at', at)
    .addColumn('last_error', 'varchar(200)')
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('sent_at', at)
    .execute();
  // The worker's question: which pending messages are due, oldest first.
  await db.schema
    .createIndex('outbox_messages_due')
    .on('outbox_messages')
    .columns(['status', 'next_attempt_at'])
    .execute();
  // The health banner's question: how did the latest attempt go.
  await db.schema
    .createIndex('outbox_messages_last_attempt')
    .on('outbox_messages')
    .column('last_attempt_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_messages').execute();
}
