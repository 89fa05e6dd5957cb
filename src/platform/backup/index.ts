import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../config/config.js';
import { type BackupKind, describeKind, detectBackupKind } from './backup-file.js';
import type { ToolEnvironment } from './pg-tools.js';
import { backupPostgres, restorePostgres } from './postgres-backup.js';
import type { BackupOutcome, BackupReport, BackupSchema, RestoreReport } from './report.js';
import { backupSqlite, restoreSqlite } from './sqlite-backup.js';

export { formatSize } from './backup-file.js';
export type { BackupOutcome, BackupReport, BackupSchema, DatabaseSummary, RestoreReport } from './report.js';
export { describeSummary } from './report.js';

/**
 * Backup and restore of Haven's database on either engine (decision 015). Health fields are sealed in the
 * database already, so they stay sealed in every backup; the master keys are never in the database.
 */

export interface BackupServiceDeps {
  database: DatabaseConfig;
  /** The environment PostgreSQL's tools run in (PATH, PGSSLROOTCERT, …); only src/main.ts reads process.env. */
  env: ToolEnvironment;
  /** The installation's migrations and key tables, assembled from the features in src/database.ts. */
  schema: BackupSchema;
}

export interface BackupService {
  /** Writes a consistent snapshot of the live database to `file`; an existing file is kept unless `force`. */
  backup(file: string, options: { force: boolean }): Promise<BackupOutcome<BackupReport>>;
  /** Brings a snapshot back into an empty database and migrates it forward; never overwrites data. */
  restore(file: string): Promise<BackupOutcome<RestoreReport>>;
}

const ENGINE_NAMES = { sqlite: 'an SQLite file', postgres: 'a PostgreSQL database' } as const;
const ENGINE_EXAMPLES = {
  sqlite: 'DATABASE_URL=sqlite:./data/haven.db',
  postgres: 'DATABASE_URL=postgres://haven@127.0.0.1:5432/haven',
} as const;

function wrongKind(file: string, kind: BackupKind, engine: DatabaseConfig['engine']): string {
  if (kind === 'sqlite' || kind === 'postgres') {
    return `${file} is ${describeKind(kind)}, but DATABASE_URL names ${ENGINE_NAMES[engine]}. A backup restores only into the engine it came from: set ${ENGINE_EXAMPLES[kind]} (a new, empty database) to restore it.`;
  }
  return `${file} is not a Haven backup: it is ${describeKind(kind)}.`;
}

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const { database, schema } = deps;
  const postgres = (connectionString: string) => ({ connectionString, env: deps.env, schema });
  return {
    async backup(file, { force }) {
      const target = path.resolve(file);
      if (existsSync(target)) {
        if (!force) {
          return {
            ok: false,
            reason: `${file} already exists: choose a new name, or add --force to replace it.`,
          };
        }
        if (statSync(target).isDirectory()) return { ok: false, reason: `${file} is a folder; name a file.` };
      }
      if (!existsSync(path.dirname(target))) {
        return { ok: false, reason: `The folder ${path.dirname(target)} does not exist; create it first.` };
      }
      if (database.engine === 'sqlite') {
        if (path.resolve(database.file) === target) {
          return { ok: false, reason: `${file} is the live database itself; name another file.` };
        }
        return backupSqlite(database.file, target, schema);
      }
      return backupPostgres(postgres(database.connectionString), target);
    },

    async restore(file) {
      const source = path.resolve(file);
      if (!existsSync(source)) return { ok: false, reason: `There is no file ${file}.` };
      if (!statSync(source).isFile()) return { ok: false, reason: `${file} is not a file.` };
      const kind = detectBackupKind(source);
      if (kind !== database.engine) return { ok: false, reason: wrongKind(file, kind, database.engine) };
      if (database.engine === 'sqlite') {
        if (path.resolve(database.file) === source) {
          return {
            ok: false,
            reason: `${file} is the database in DATABASE_URL itself; restore into another file.`,
          };
        }
        return restoreSqlite(source, path.resolve(database.file), schema);
      }
      return restorePostgres(postgres(database.connectionString), source);
    },
  };
}
