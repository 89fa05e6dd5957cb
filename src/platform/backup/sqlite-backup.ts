import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createDatabase } from '../database/database.js';
import { discard, publish, temporaryNameFor } from './backup-file.js';
import { migrateRestored } from './migrate-restored.js';
import {
  type BackupOutcome,
  type BackupReport,
  type BackupSchema,
  BOOKKEEPING_TABLES,
  type DatabaseSummary,
  type RestoreReport,
} from './report.js';

/**
 * SQLite backups (decision 015). The copy is made by SQLite's online backup API from a connection of the
 * CLI's own, so Haven keeps serving and writing. All pages are copied in one step: a stepped copy is
 * restarted whenever another connection writes, and under steady writes it might never finish; one step
 * reads one snapshot (a WAL read transaction), which writers do not wait for.
 */

type Sqlite = InstanceType<typeof SqliteDatabase>;

const ALL_REMAINING_PAGES = 0x7fffffff;

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function userTables(db: Sqlite): string[] {
  return db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'")
    .pluck()
    .all() as string[];
}

export function summarizeSqlite(db: Sqlite, keyTables: readonly string[]): DatabaseSummary {
  const tables = userTables(db);
  const count = (table: string) =>
    Number(
      db
        .prepare(`select count(*) from ${quote(table)}`)
        .pluck()
        .get(),
    );
  return {
    tables: tables.filter((table) => !BOOKKEEPING_TABLES.has(table)).length,
    rows: keyTables
      .filter((table) => tables.includes(table))
      .map((table) => ({
        table,
        count: count(table),
      })),
    migration: tables.includes('kysely_migration')
      ? ((db.prepare('select max(name) from kysely_migration').pluck().get() as string | null) ?? null)
      : null,
  };
}

/** Tables (other than Kysely's bookkeeping) that hold at least one row. */
function tablesWithRows(db: Sqlite): string[] {
  return userTables(db).filter(
    (table) =>
      !BOOKKEEPING_TABLES.has(table) &&
      db.prepare(`select 1 from ${quote(table)} limit 1`).get() !== undefined,
  );
}

function sidecars(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`, `${file}-journal`];
}

export async function backupSqlite(
  source: string,
  target: string,
  schema: BackupSchema,
): Promise<BackupOutcome<BackupReport>> {
  if (!existsSync(source) || statSync(source).size === 0) {
    return { ok: false, reason: `There is no database at ${source} (DATABASE_URL): nothing to back up.` };
  }
  const started = performance.now();
  const temporary = temporaryNameFor(target, 'partial');
  try {
    const live = new SqliteDatabase(source, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      await live.backup(temporary, { progress: () => ALL_REMAINING_PAGES });
    } finally {
      live.close();
    }
    const copy = new SqliteDatabase(temporary, { fileMustExist: true });
    let summary: DatabaseSummary;
    try {
      // A plain, self-contained file: no WAL beside it is ever needed to read it.
      copy.pragma('journal_mode = DELETE');
      const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map(
        (row) => row.integrity_check,
      );
      if (problems.join() !== 'ok') {
        return {
          ok: false,
          reason: `The copy failed SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`,
        };
      }
      summary = summarizeSqlite(copy, schema.keyTables);
    } finally {
      copy.close();
    }
    publish(temporary, target);
    return {
      ok: true,
      report: {
        engine: 'sqlite',
        file: target,
        bytes: statSync(target).size,
        milliseconds: performance.now() - started,
        summary,
      },
    };
  } finally {
    discard(temporary, ...sidecars(temporary));
  }
}

/** Why the target may not be replaced, or undefined when it is absent, empty, or holds no rows and is not open. */
function refuseTarget(target: string): string | undefined {
  if (!existsSync(target) || statSync(target).size === 0) return undefined;
  let db: Sqlite;
  try {
    db = new SqliteDatabase(target, { fileMustExist: true });
  } catch (error) {
    return `${target} exists and cannot be opened as an SQLite database (${(error as Error).message}); move it away first.`;
  }
  try {
    db.pragma('busy_timeout = 0');
    const full = tablesWithRows(db);
    if (full.length > 0) {
      return `${target} already holds data (rows in ${full.join(', ')}): restore never overwrites a database in use. Point DATABASE_URL at a new file, or move this one away first.`;
    }
    // Leaving WAL mode needs every other connection gone: if it fails, a server has the file open.
    try {
      db.pragma('journal_mode = DELETE');
    } catch {
      return `${target} is open in another program (is Haven running on it?): stop Haven before restoring.`;
    }
    return undefined;
  } catch (error) {
    return `${target} cannot be read (${(error as Error).message}); move it away first.`;
  } finally {
    db.close();
  }
}

export async function restoreSqlite(
  backup: string,
  target: string,
  schema: BackupSchema,
): Promise<BackupOutcome<RestoreReport>> {
  const started = performance.now();
  const refusal = refuseTarget(target);
  if (refusal) return { ok: false, reason: refusal };
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = temporaryNameFor(target, 'restoring');
  try {
    copyFileSync(backup, temporary);
    const copy = new SqliteDatabase(temporary, { fileMustExist: true });
    try {
      const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map(
        (row) => row.integrity_check,
      );
      if (problems.join() !== 'ok') {
        return {
          ok: false,
          reason: `${backup} is damaged: SQLite's integrity check says ${problems.slice(0, 5).join('; ')}`,
        };
      }
      if (!userTables(copy).includes('kysely_migration')) {
        return {
          ok: false,
          reason: `${backup} is an SQLite database, but not one of Haven's (it has no migration history).`,
        };
      }
    } finally {
      copy.close();
    }
    const database = createDatabase({ engine: 'sqlite', file: temporary, url: `sqlite:${temporary}` });
    let migrated: string[];
    try {
      const result = await migrateRestored(database.db, 'Nothing was restored', schema.migrations);
      if (!result.ok) return result;
      migrated = result.applied;
    } finally {
      await database.close();
    }
    const restored = new SqliteDatabase(temporary, { fileMustExist: true });
    let summary: DatabaseSummary;
    try {
      summary = summarizeSqlite(restored, schema.keyTables);
    } finally {
      restored.close();
    }
    // Checked above that no one has the target open; a stale WAL beside the restored file would corrupt it.
    for (const file of sidecars(target)) rmSync(file, { force: true });
    publish(temporary, target);
    return {
      ok: true,
      report: {
        engine: 'sqlite',
        file: target,
        bytes: statSync(target).size,
        milliseconds: performance.now() - started,
        summary,
        migrated,
        clearedEmptyTables: 0,
      },
    };
  } finally {
    discard(temporary, ...sidecars(temporary));
  }
}
