import { statSync } from 'node:fs';
import pg from 'pg';
import { createDatabase } from '../database/database.js';
import { discard, publish, temporaryNameFor } from './backup-file.js';
import { migrateRestored } from './migrate-restored.js';
import { checkTool, runTool, type ToolEnvironment, toolConnection, toolFailure } from './pg-tools.js';
import {
  type BackupOutcome,
  type BackupReport,
  type BackupSchema,
  BOOKKEEPING_TABLES,
  type DatabaseSummary,
  type RestoreReport,
} from './report.js';

/**
 * PostgreSQL backups (decision 015) with pg_dump's custom format. The CLI opens a REPEATABLE READ
 * transaction, exports its snapshot and hands it to pg_dump (--snapshot): the dump and the row counts
 * reported beside it read the very same instant, and every transaction committed before it is in both.
 */

export interface PostgresBackupDeps {
  connectionString: string;
  /** The operator's environment, passed to pg_dump and pg_restore (PATH, PGSSL…), plus PGPASSWORD. */
  env: ToolEnvironment;
  schema: BackupSchema;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot reach the database in DATABASE_URL (${(error as Error).message})`, {
      cause: error,
    });
  }
  return client;
}

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("select current_setting('server_version_num') as v");
  return Math.floor(Number(rows[0]!.v) / 10000);
}

async function tablesOf(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ tablename: string }>(
    'select tablename from pg_tables where schemaname = current_schema() order by tablename',
  );
  return rows.map((row) => row.tablename);
}

async function summarize(client: pg.Client, keyTables: readonly string[]): Promise<DatabaseSummary> {
  const tables = await tablesOf(client);
  const rows: DatabaseSummary['rows'] = [];
  for (const table of keyTables.filter((name) => tables.includes(name))) {
    const result = await client.query<{ n: string }>(`select count(*) as n from ${quote(table)}`);
    rows.push({ table, count: Number(result.rows[0]!.n) });
  }
  const migration = tables.includes('kysely_migration')
    ? ((await client.query<{ m: string | null }>('select max(name) as m from kysely_migration')).rows[0]!.m ??
      null)
    : null;
  return { tables: tables.filter((table) => !BOOKKEEPING_TABLES.has(table)).length, rows, migration };
}

export async function backupPostgres(
  deps: PostgresBackupDeps,
  target: string,
): Promise<BackupOutcome<BackupReport>> {
  const started = performance.now();
  const tool = toolConnection(deps.connectionString, deps.env);
  const client = await connect(deps.connectionString);
  const temporary = temporaryNameFor(target, 'partial');
  try {
    const problem = await checkTool('pg_dump', await serverMajor(client), tool.env);
    if (problem) return { ok: false, reason: problem };
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const summary = await summarize(client, deps.schema.keyTables);
    const dump = await runTool(
      'pg_dump',
      [
        '--format=custom',
        '--no-password',
        `--snapshot=${rows[0]!.id}`,
        `--file=${temporary}`,
        `--dbname=${tool.url}`,
      ],
      tool.env,
    );
    await client.query('commit');
    if (dump.code !== 0) return { ok: false, reason: toolFailure('pg_dump', dump) };
    // pg_restore reads the archive's table of contents back: a truncated or garbled file fails here.
    const list = await runTool('pg_restore', ['--list', temporary], tool.env);
    if (!list.missing && list.code !== 0) {
      return { ok: false, reason: `The dump cannot be read back. ${toolFailure('pg_restore --list', list)}` };
    }
    publish(temporary, target);
    return {
      ok: true,
      report: {
        engine: 'postgres',
        file: target,
        bytes: statSync(target).size,
        milliseconds: performance.now() - started,
        summary,
      },
    };
  } finally {
    discard(temporary);
    await client.end().catch(() => {});
  }
}

/**
 * Empties a database that Haven was merely started on (its tables exist but hold no rows), so the dump can
 * create them; refuses, and changes nothing, when any table holds a row. The tables are locked first, so
 * no row can arrive between the check and the drop.
 */
async function clearEmptyTarget(client: pg.Client): Promise<{ cleared: number } | { refusal: string }> {
  await client.query('begin');
  try {
    await client.query("set local lock_timeout = '5s'");
    const tables = await tablesOf(client);
    if (tables.length === 0) {
      await client.query('commit');
      return { cleared: 0 };
    }
    await client.query(`lock table ${tables.map(quote).join(', ')} in access exclusive mode`);
    const full: string[] = [];
    for (const table of tables.filter((name) => !BOOKKEEPING_TABLES.has(name))) {
      const { rowCount } = await client.query(`select 1 from ${quote(table)} limit 1`);
      if (rowCount) full.push(table);
    }
    if (full.length > 0) {
      await client.query('rollback');
      return {
        refusal: `The database in DATABASE_URL already holds data (rows in ${full.join(', ')}): restore never overwrites a database in use. Create an empty database (createdb) and restore into that.`,
      };
    }
    await client.query(`drop table ${tables.map(quote).join(', ')} cascade`);
    const functions = await client.query<{ signature: string }>(
      "select p.oid::regprocedure::text as signature from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.prokind = 'f'",
    );
    for (const { signature } of functions.rows) await client.query(`drop function ${signature} cascade`);
    await client.query('commit');
    return { cleared: tables.length };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  }
}

export async function restorePostgres(
  deps: PostgresBackupDeps,
  backup: string,
): Promise<BackupOutcome<RestoreReport>> {
  const started = performance.now();
  const tool = toolConnection(deps.connectionString, deps.env);
  const client = await connect(deps.connectionString);
  try {
    const problem = await checkTool('pg_restore', await serverMajor(client), tool.env);
    if (problem) return { ok: false, reason: problem };
    const list = await runTool('pg_restore', ['--list', backup], tool.env);
    if (list.code !== 0)
      return { ok: false, reason: `${backup} cannot be read. ${toolFailure('pg_restore', list)}` };
    if (!/ TABLE \S+ kysely_migration /.test(list.stdout)) {
      return {
        ok: false,
        reason: `${backup} is a PostgreSQL dump, but not one of Haven's (it has no migration history).`,
      };
    }
    const target = await clearEmptyTarget(client);
    if ('refusal' in target) return { ok: false, reason: target.refusal };
    const restore = await runTool(
      'pg_restore',
      [
        '--no-owner',
        '--no-acl',
        '--exit-on-error',
        '--single-transaction',
        '--no-password',
        `--dbname=${tool.url}`,
        backup,
      ],
      tool.env,
    );
    if (restore.code !== 0) return { ok: false, reason: toolFailure('pg_restore', restore) };
    const database = createDatabase({ engine: 'postgres', connectionString: deps.connectionString, url: '' });
    let migrated: string[];
    try {
      const result = await migrateRestored(
        database.db,
        'The rows were restored but not migrated',
        deps.schema.migrations,
      );
      if (!result.ok) return result;
      migrated = result.applied;
    } finally {
      await database.close();
    }
    return {
      ok: true,
      report: {
        engine: 'postgres',
        file: backup,
        bytes: statSync(backup).size,
        milliseconds: performance.now() - started,
        summary: await summarize(client, deps.schema.keyTables),
        migrated,
        clearedEmptyTables: target.cleared,
      },
    };
  } finally {
    await client.end().catch(() => {});
  }
}
