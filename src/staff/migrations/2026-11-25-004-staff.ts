import type { Kysely } from 'kysely';
import { timestampType } from '../../platform/database/migrations/helpers.js';

/**
 * Staff accounts and what signing in needs: server-side sessions (revocable), one-time links and sign-in
 * challenges, recovery codes, and the counters that slow down password guessing. Tokens and codes are
 * stored only as SHA-256 hashes; the TOTP secret is sealed with envelope encryption (decision 011).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const at = timestampType(db);
  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('email', 'varchar(320)', (col) => col.notNull().unique())
    .addColumn('display_name', 'varchar(200)', (col) => col.notNull())
    .addColumn('roles', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', at)
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('mfa_enrolled_at', at)
    .addColumn('disabled_at', at)
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('updated_at', at, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('staff_recovery_codes')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('user_id', 'varchar(36)', (col) =>
      col.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('code_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('used_at', at)
    .addColumn('created_at', at, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('staff_recovery_codes_user')
    .on('staff_recovery_codes')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('user_id', 'varchar(36)', (col) =>
      col.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('csrf_token', 'varchar(64)', (col) => col.notNull())
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('last_seen_at', at, (col) => col.notNull())
    .addColumn('expires_at', at, (col) => col.notNull())
    .addColumn('reauthenticated_at', at)
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(200)')
    .addColumn('revoked_at', at)
    .execute();
  await db.schema.createIndex('staff_sessions_user').on('staff_sessions').column('user_id').execute();

  // One-time links (first admin, invitations, MFA reset) and the short-lived step between password and code.
  await db.schema
    .createTable('staff_tokens')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('purpose', 'varchar(20)', (col) => col.notNull())
    .addColumn('user_id', 'varchar(36)', (col) => col.references('staff_users.id').onDelete('cascade'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', at, (col) => col.notNull())
    .addColumn('expires_at', at, (col) => col.notNull())
    .addColumn('used_at', at)
    .execute();

  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'varchar(100)', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('first_failure_at', at, (col) => col.notNull())
    .addColumn('locked_until', at)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'auth_throttle',
    'staff_tokens',
    'staff_sessions',
    'staff_recovery_codes',
    'staff_users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
