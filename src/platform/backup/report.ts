import type { Migrations } from '../database/migrate.js';

/**
 * What a backup or restore tells the operator: enough to see at a glance that the right database was
 * copied (how many tables, rows in the tables that matter, the file's size), never any row's contents.
 */

/**
 * What a backup needs to know of the installation's schema, which the platform does not own: the migration
 * history a restore migrates forward with, and the tables whose row counts are shown when the database has
 * them. src/database.ts assembles both from the features (decision 022).
 */
export interface BackupSchema {
  migrations: Migrations;
  keyTables: readonly string[];
}

/** Kysely's own bookkeeping: present in every migrated database, so not a sign of data. */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set(['kysely_migration', 'kysely_migration_lock']);

export interface DatabaseSummary {
  tables: number;
  /** Row counts of the schema's key tables present, in that order. */
  rows: { table: string; count: number }[];
  /** The newest migration applied, or null before any. */
  migration: string | null;
}

export interface BackupReport {
  engine: 'sqlite' | 'postgres';
  file: string;
  bytes: number;
  milliseconds: number;
  summary: DatabaseSummary;
}

export interface RestoreReport extends BackupReport {
  /** Migrations applied after the restore, for a backup from an older Haven. */
  migrated: string[];
  /** Empty tables of an earlier start that were removed before the restore (PostgreSQL). */
  clearedEmptyTables: number;
}

export type BackupOutcome<T> = { ok: true; report: T } | { ok: false; reason: string };

export function describeSummary(summary: DatabaseSummary): string {
  const rows = summary.rows.map(({ table, count }) => `${table} ${count}`).join(', ');
  return `${summary.tables} tables${rows ? `; rows: ${rows}` : ''}${summary.migration ? `; schema at ${summary.migration}` : ''}`;
}
