import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import type { Database } from './schema.js';
import { HavenSqliteDialect } from './sqlite-dialect.js';

export type Engine = DatabaseConfig['engine'];

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** True when the database answers a trivial query. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;

function createSqlite(file: string): Kysely<Database> {
  mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // Durable and concurrent: WAL lets readers run beside the writer, FULL makes every commit survive a power
  // cut, and the busy timeout queues writers from other processes (CLI commands) instead of failing them.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new HavenSqliteDialect({ database }) });
}

function createPostgres(connectionString: string): Kysely<Database> {
  // Sessions run in UTC (below), so timestamptz arrives as "2026-11-25 14:03:07.123+00"; timestamp without
  // time zone has no offset and is UTC by Haven's rule. Either way the result is an ISO-8601 UTC string.
  const toIso = (value: string) => {
    const iso = value.replace(' ', 'T');
    const withOffset = /[+-]\d\d$/.test(iso) ? `${iso}:00` : /([+-]\d\d:\d\d|Z)$/.test(iso) ? iso : `${iso}Z`;
    return new Date(withOffset).toISOString();
  };
  const pool = new pg.Pool({
    connectionString,
    options: '-c TimeZone=UTC',
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID
          ? toIso
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server (a restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens Haven's database on the configured engine. Migrations are separate: see migrate.ts. */
export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  const db = config.engine === 'sqlite' ? createSqlite(config.file) : createPostgres(config.connectionString);
  let closed = false;
  return {
    db,
    engine: config.engine,
    async isReachable() {
      if (closed) return false;
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
