import type { Kysely } from 'kysely';
import { CONTENT_ENCRYPTED_COLUMNS, type ContentTables, contentMigrations } from './content/index.js';
import { INTAKE_ENCRYPTED_COLUMNS, type IntakeTables, intakeMigrations } from './intake/index.js';
import { type EncryptedColumns, PLATFORM_ENCRYPTED_COLUMNS } from './platform/crypto/index.js';
import {
  type MigrationReport,
  type Migrations,
  mergeMigrations,
  runMigrations,
} from './platform/database/migrate.js';
import { platformMigrations } from './platform/database/migrations/index.js';
import { SCREENING_ENCRYPTED_COLUMNS, type ScreeningTables, screeningMigrations } from './screening/index.js';
import { STAFF_ENCRYPTED_COLUMNS, type StaffTables, staffMigrations } from './staff/index.js';

/**
 * Haven's database, assembled from what each feature owns (decision 022): the platform declares only its own
 * tables, migrations and sealed columns, and this module, beside the composition root, joins every
 * feature's. A new feature adds its three exports to the lists below and nothing else here.
 */

declare module './platform/database/schema.js' {
  /** Every table of the installation: the platform's, merged with each feature's. */
  interface Database extends ContentTables, StaffTables, IntakeTables, ScreeningTables {}
}

/**
 * The one migration history, in the order the names sort. Names already applied in real databases never
 * change; a feature's new migration takes the next date and number (docs/architecture.md).
 */
export const migrations: Migrations = mergeMigrations(
  platformMigrations,
  contentMigrations,
  staffMigrations,
  intakeMigrations,
  screeningMigrations,
);

export const migrationNames = Object.keys(migrations);

/** Brings the database up to the newest migration; throws with the failing migration's name. */
export function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  return runMigrations(db, migrations);
}

/** Every sealed column, so `keys rotate` re-wraps them all (decision 011). */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  ...PLATFORM_ENCRYPTED_COLUMNS,
  ...CONTENT_ENCRYPTED_COLUMNS,
  ...STAFF_ENCRYPTED_COLUMNS,
  ...INTAKE_ENCRYPTED_COLUMNS,
  ...SCREENING_ENCRYPTED_COLUMNS,
];

/** Tables whose row counts a backup or restore shows, so the operator sees the right database was copied. */
export const KEY_TABLES = ['appointment_requests', 'audit_events', 'staff_users', 'content_items'] as const;
