import type { Kysely } from 'kysely';
import { timestampType } from '../../platform/database/migrations/helpers.js';

/**
 * Sign-in hardening (decision 013, issue 12): a sign-in challenge remembers which account's counters it
 * spends (a decoy challenge has no user but must be throttled exactly like a real one), and devices that
 * have signed in before are remembered (only a hash of their cookie), so the account-wide lock can let
 * them through. Stale throttle rows and challenges are found by time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const at = timestampType(db);
  await db.schema.alterTable('staff_tokens').addColumn('account_key', 'varchar(64)').execute();
  await db.schema.createIndex('staff_tokens_expires').on('staff_tokens').column('expires_at').execute();
  await db.schema
    .createIndex('auth_throttle_first_failure')
    .on('auth_throttle')
    .column('first_failure_at')
    .execute();

  await db.schema
    .createTable('staff_devices')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('user_id', 'varchar(36)', (col) =>
      col.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('last_used_at', at, (col) => col.notNull())
    .addColumn('expires_at', at, (col) => col.notNull())
    .addColumn('revoked_at', at)
    .execute();
  await db.schema.createIndex('staff_devices_user').on('staff_devices').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_devices').execute();
  await db.schema.dropIndex('auth_throttle_first_failure').execute();
  await db.schema.dropIndex('staff_tokens_expires').execute();
  await db.schema.alterTable('staff_tokens').dropColumn('account_key').execute();
}
