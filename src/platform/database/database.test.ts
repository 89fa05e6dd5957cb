import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { migrateToLatest, migrationNames } from '../../database.js';
import { bumpContentVersion, readContentVersion, watchContentVersion } from './content-version.js';
import { createDatabase } from './database.js';

forEachEngine('migrations', (engine, it) => {
  it(
    'an empty database is migrated to the newest schema, and migrating again changes nothing',
    async ({ handle }) => {
      const first = await migrateToLatest(handle.db);
      assert.deepEqual(first.applied, migrationNames);
      const second = await migrateToLatest(handle.db);
      assert.deepEqual(second.applied, []);
      const tables = await handle.db.introspection.getTables();
      assert.ok(
        tables.some((table) => table.name === 'app_state'),
        `${engine} has app_state`,
      );
    },
    { migrated: false },
  );

  it('timestamps come back as the same ISO-8601 UTC strings on both engines', async ({ handle, config }) => {
    const instant = '2026-11-25T14:03:07.123Z';
    if (engine === 'postgres') {
      // A server or database set to a clinic's local zone must not shift what Haven reads back.
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
      await sql.raw(`alter database "${rows[0]!.name}" set timezone to 'America/Chicago'`).execute(handle.db);
    }
    const fresh = createDatabase(config);
    try {
      await fresh.db.insertInto('app_state').values({ key: 'k', value: 'v', updated_at: instant }).execute();
      const row = await fresh.db
        .selectFrom('app_state')
        .selectAll()
        .where('key', '=', 'k')
        .executeTakeFirstOrThrow();
      assert.equal(row.updated_at, instant);
    } finally {
      await fresh.close();
    }
  });

  it('the content version starts at 0, moves on each bump, and a watcher in another process sees it', async ({
    handle,
  }) => {
    assert.equal(await readContentVersion(handle.db), '0');
    const watcher = await watchContentVersion(handle.db, { onError: assert.fail });
    try {
      await handle.db.transaction().execute((trx) => bumpContentVersion(trx, new Date()));
      await bumpContentVersion(handle.db, new Date());
      assert.equal(await readContentVersion(handle.db), '2');
      assert.equal(watcher.current(), '0', 'a watcher reads on its own schedule');
      assert.equal(await watcher.refresh(), '2');
      assert.equal(watcher.current(), '2');
    } finally {
      watcher.stop();
    }
  });

  it('a database that has gone away reports itself unreachable', async ({ handle }) => {
    assert.equal(await handle.isReachable(), true);
    await handle.close();
    assert.equal(await handle.isReachable(), false);
  });
});

describe('SQLite durability settings', () => {
  const it = (title: string, fn: (db: TestDatabase) => Promise<void>) =>
    test(title, async () => {
      const db = await createTestDatabase('sqlite');
      try {
        await fn(db);
      } finally {
        await db.dispose();
      }
    });

  it('runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', async ({ handle }) => {
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 2, 'FULL');
    assert.equal(await pragma('foreign_keys'), 1);
    assert.equal(await pragma('busy_timeout'), 5000);
  });

  it('a transaction takes the write lock when it begins, before its first write', async ({
    handle,
    config,
  }) => {
    if (config.engine !== 'sqlite') throw new Error('expected SQLite');
    const other = new SqliteDatabase(config.file, { timeout: 0 });
    try {
      await handle.db.transaction().execute(async (trx) => {
        await trx.selectFrom('app_state').selectAll().execute();
        // Only a reader so far; under a deferred BEGIN another writer could still start now.
        assert.throws(() => other.exec('begin immediate'), /SQLITE_BUSY|database is locked/);
      });
      other.exec('begin immediate');
      other.exec('rollback');
    } finally {
      other.close();
    }
  });
});
