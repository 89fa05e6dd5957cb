import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, migrationNames } from '../../src/database.js';
import type { DatabaseConfig } from '../../src/platform/config/config.js';
import { createDatabase, type DatabaseHandle, type Engine } from '../../src/platform/database/database.js';
import { contentHash } from '../../src/web/assets.js';

/**
 * A fresh, migrated database for one test, on either engine. PostgreSQL databases are cloned from a template
 * migrated once per migration history, so each test gets its own database in milliseconds.
 */

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export const TEST_POSTGRES_URL =
  process.env.HAVEN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let postgresAvailable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL answers; otherwise why it does not. */
export function postgresUnavailableReason(): Promise<string | undefined> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresAvailable;
}

function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.href;
}

const TEMPLATE = `haven_template_${contentHash(migrationNames.join('|'))
  .toLowerCase()
  .replace(/[^a-z0-9]/g, '')}`;

async function ensureTemplate(admin: pg.Client): Promise<void> {
  // One process creates the template; the others wait on the lock and then find it.
  await admin.query('select pg_advisory_lock(4242001)');
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
    if (exists.rowCount) return;
    // Templates of older migration histories are of no use any more.
    const stale = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'haven\\_template\\_%' and datname <> $1",
      [TEMPLATE],
    );
    // Another checkout with another history may be using its template right now: a refusal leaves it be.
    for (const { datname } of stale.rows) {
      await admin.query(`drop database if exists "${datname}"`).catch(() => {});
    }
    const building = `${TEMPLATE}_building`;
    await admin.query(`drop database if exists ${building}`);
    await admin.query(`create database ${building}`);
    const handle = createDatabase({
      engine: 'postgres',
      connectionString: withDatabase(TEST_POSTGRES_URL, building),
      url: '',
    });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    await admin.query(`alter database ${building} rename to ${TEMPLATE}`);
  } finally {
    await admin.query('select pg_advisory_unlock(4242001)');
  }
}

/**
 * PostgreSQL refuses to copy a template while another session is connected to it (SQLSTATE 55006), which
 * happens for a moment while another test run builds or checks it; such a refusal is retried.
 */
async function cloneTemplate(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`create database ${name} template ${TEMPLATE}`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 3D000: a run with another migration history dropped this template as stale; build it again.
      if (code === '3D000' && attempt < 20) await ensureTemplate(admin);
      else if (code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export interface TestDatabase {
  handle: DatabaseHandle;
  config: DatabaseConfig;
  /** Closes the handle and removes the database. */
  dispose(): Promise<void>;
}

/** A database nobody else uses; `migrated: false` gives an empty one, for migration tests. */
export async function createTestDatabase(
  engine: Engine,
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-test-'));
    const file = path.join(dir, 'haven.db');
    const config: DatabaseConfig = { engine: 'sqlite', file, url: `sqlite:${file}` };
    const handle = createDatabase(config);
    if (migrated) await migrateToLatest(handle.db);
    return {
      handle,
      config,
      async dispose() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  const name = `haven_test_${randomBytes(6).toString('hex')}`;
  try {
    if (migrated) {
      await ensureTemplate(admin);
      await cloneTemplate(admin, name);
    } else {
      await admin.query(`create database ${name}`);
    }
  } finally {
    await admin.end();
  }
  const connectionString = withDatabase(TEST_POSTGRES_URL, name);
  const config: DatabaseConfig = { engine: 'postgres', connectionString, url: connectionString };
  const handle = createDatabase(config);
  return {
    handle,
    config,
    async dispose() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
