import type { Kysely } from 'kysely';
import { timestampType } from '../../platform/database/migrations/helpers.js';

/**
 * Appointment requests and their timeline. What a person tells us (name, phone, email, date of birth,
 * message, times, referral, insurance, referrer, concerns) lives only in `sealed`, one envelope-encrypted
 * JSON document (decision 011); staff notes likewise in `appointment_request_events.sealed_note`. The plain
 * columns are what the inbox filters and sorts on and is not sensitive on its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const at = timestampType(db);
  await db.schema
    .createTable('appointment_requests')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('idempotency_key', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('status', 'varchar(30)', (col) => col.notNull())
    .addColumn('location', 'varchar(100)', (col) => col.notNull())
    .addColumn('treatment', 'varchar(20)', (col) => col.notNull())
    .addColumn('contact_method', 'varchar(10)', (col) => col.notNull())
    .addColumn('concerns_minor', 'integer', (col) => col.notNull())
    .addColumn('sms_consent', 'integer', (col) => col.notNull())
    .addColumn('sealed', 'text', (col) => col.notNull())
    .addColumn('assignee_id', 'varchar(36)', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('updated_at', at, (col) => col.notNull())
    .addColumn('closed_at', at)
    .execute();
  await db.schema
    .createIndex('appointment_requests_status_created')
    .on('appointment_requests')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('appointment_requests_created')
    .on('appointment_requests')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('appointment_request_events')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('request_id', 'varchar(36)', (col) =>
      col.notNull().references('appointment_requests.id').onDelete('cascade'),
    )
    .addColumn('at', at, (col) => col.notNull())
    .addColumn('actor_id', 'varchar(36)', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('kind', 'varchar(30)', (col) => col.notNull())
    .addColumn('status_from', 'varchar(30)')
    .addColumn('status_to', 'varchar(30)')
    .addColumn('sealed_note', 'text')
    .execute();
  await db.schema
    .createIndex('appointment_request_events_request')
    .on('appointment_request_events')
    .columns(['request_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_request_events').execute();
  await db.schema.dropTable('appointment_requests').execute();
}
