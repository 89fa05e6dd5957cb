import type { Kysely } from 'kysely';
import { timestampType } from '../../platform/database/migrations/helpers.js';

/**
 * Pre-visit screening (questionnaires and safety checklists) and the urgent safety review. Answers are
 * sealed (decision 011); the invitation token is stored only as a hash. The safety review's times are plain
 * so the inbox can put urgent requests first and the escalation timer can find them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const at = timestampType(db);
  await db.schema
    .createTable('screening_invitations')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('request_id', 'varchar(36)', (col) =>
      col.notNull().references('appointment_requests.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('created_by', 'varchar(36)', (col) => col.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('expires_at', at, (col) => col.notNull())
    .addColumn('submitted_at', at)
    .execute();
  await db.schema
    .createIndex('screening_invitations_request')
    .on('screening_invitations')
    .column('request_id')
    .execute();

  await db.schema
    .createTable('screening_responses')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('invitation_id', 'varchar(36)', (col) =>
      col.notNull().references('screening_invitations.id').onDelete('cascade'),
    )
    .addColumn('request_id', 'varchar(36)', (col) =>
      col.notNull().references('appointment_requests.id').onDelete('cascade'),
    )
    .addColumn('instrument', 'varchar(40)', (col) => col.notNull())
    .addColumn('instrument_version', 'varchar(40)', (col) => col.notNull())
    .addColumn('sealed_answers', 'text', (col) => col.notNull())
    .addColumn('updated_at', at, (col) => col.notNull())
    .addUniqueConstraint('screening_responses_one_per_instrument', ['invitation_id', 'instrument'])
    .execute();
  await db.schema
    .createIndex('screening_responses_request')
    .on('screening_responses')
    .column('request_id')
    .execute();

  await db.schema.alterTable('appointment_requests').addColumn('safety_flagged_at', at).execute();
  await db.schema.alterTable('appointment_requests').addColumn('safety_closed_at', at).execute();
  await db.schema.alterTable('appointment_requests').addColumn('safety_escalated_at', at).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointment_requests').dropColumn('safety_escalated_at').execute();
  await db.schema.alterTable('appointment_requests').dropColumn('safety_closed_at').execute();
  await db.schema.alterTable('appointment_requests').dropColumn('safety_flagged_at').execute();
  await db.schema.dropTable('screening_responses').execute();
  await db.schema.dropTable('screening_invitations').execute();
}
