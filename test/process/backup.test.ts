import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../src/database.js';
import { createAuditLog } from '../../src/platform/audit/index.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { runHaven } from '../helpers/cli.js';
import type { TestDatabase } from '../helpers/database.js';
import { forEachEngine } from '../helpers/engines.js';
import { havenEnv, restoreIntoEmptyDatabase, scratchFolder, seedContent } from './backup-harness.js';

async function recordAuditEvents(db: TestDatabase, count: number): Promise<void> {
  const audit = createAuditLog({
    db: db.handle.db,
    now: () => new Date(),
    logger: createLogger({ level: 'silent' }),
  });
  for (let i = 0; i < count; i++) {
    await audit.record({
      actorKind: 'cli',
      action: 'backup.round_trip',
      outcome: 'success',
      targetId: `t${i}`,
    });
  }
}

async function rowsOf(db: TestDatabase) {
  const { db: k } = db.handle;
  return {
    content: await k.selectFrom('content_items').selectAll().orderBy('slug').execute(),
    audit: await k.selectFrom('audit_events').selectAll().orderBy('seq').execute(),
    state: await k.selectFrom('app_state').selectAll().orderBy('key').execute(),
  };
}

forEachEngine('haven backup and restore', (engine, it) => {
  it('round trip: every row comes back, and the restored audit chain verifies', async (source) => {
    const folder = scratchFolder('haven-backup-');
    try {
      await seedContent(source, 120);
      await recordAuditEvents(source, 25);
      await source.handle.db
        .insertInto('app_state')
        .values({ key: 'backup-test', value: 'kept', updated_at: new Date().toISOString() })
        .execute();
      const file = path.join(folder.dir, engine === 'sqlite' ? 'haven.db' : 'haven.dump');
      const backup = await runHaven(['backup', file], { env: havenEnv(source) });
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /^Backed up .* to .* in \d+\.\d s\.\n/);
      assert.match(backup.stdout, /audit_events 25, staff_users 0, content_items 120/);
      assert.match(backup.stdout, /master keys, which are not in it/);
      assert.deepEqual(readdirSync(folder.dir), [path.basename(file)], 'no temporary file is left behind');

      const { restore, database } = await restoreIntoEmptyDatabase(engine, file);
      try {
        assert.equal(restore.code, 0, restore.stderr);
        assert.match(restore.stdout, /no migrations were needed/);
        assert.match(restore.stdout, /audit_events 25, staff_users 0, content_items 120/);
        assert.deepEqual(await rowsOf(database), await rowsOf(source));
        const verify = await runHaven(['audit', 'verify'], { env: havenEnv(database) });
        assert.equal(verify.code, 0, verify.stdout + verify.stderr);
        assert.match(verify.stdout, /intact: 25 entries/);
      } finally {
        await database.dispose();
      }
    } finally {
      folder.remove();
    }
  });

  it(
    'a backup from an older Haven is migrated forward on restore',
    async (source) => {
      const folder = scratchFolder('haven-backup-');
      try {
        const migrator = new Migrator({
          db: source.handle.db,
          provider: { getMigrations: async () => migrations },
        });
        const { error } = await migrator.migrateTo('2026-11-25-003-audit');
        assert.equal(error, undefined);
        await recordAuditEvents(source, 3);
        const file = path.join(folder.dir, 'old-haven.backup');
        assert.equal((await runHaven(['backup', file], { env: havenEnv(source) })).code, 0);
        const { restore, database } = await restoreIntoEmptyDatabase(engine, file);
        try {
          assert.equal(restore.code, 0, restore.stderr);
          assert.match(restore.stdout, /Migrated forward: 2026-11-25-004-staff/);
          assert.equal((await database.handle.db.selectFrom('staff_users').selectAll().execute()).length, 0);
          assert.equal((await runHaven(['audit', 'verify'], { env: havenEnv(database) })).code, 0);
        } finally {
          await database.dispose();
        }
      } finally {
        folder.remove();
      }
    },
    { migrated: false },
  );

  it('refuses: a target with data, an existing file without --force, a missing file', async (source) => {
    const folder = scratchFolder('haven-backup-');
    try {
      await recordAuditEvents(source, 2);
      const file = path.join(folder.dir, 'haven.backup');
      assert.equal((await runHaven(['backup', file], { env: havenEnv(source) })).code, 0);

      const intoData = await runHaven(['restore', file], { env: havenEnv(source) });
      assert.equal(intoData.code, 1);
      assert.match(intoData.stderr, /^Restore failed: .* already holds data \(rows in audit_events\)/);
      assert.equal((await source.handle.db.selectFrom('audit_events').selectAll().execute()).length, 2);

      writeFileSync(file, 'an older backup the operator wants to keep');
      const again = await runHaven(['backup', file], { env: havenEnv(source) });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /already exists: choose a new name, or add --force to replace it/);
      assert.equal(readFileSync(file, 'utf8'), 'an older backup the operator wants to keep');
      const forced = await runHaven(['backup', file, '--force'], { env: havenEnv(source) });
      assert.equal(forced.code, 0, forced.stderr);
      assert.notEqual(readFileSync(file, 'utf8'), 'an older backup the operator wants to keep');

      const missing = await runHaven(['restore', path.join(folder.dir, 'nope.backup')], {
        env: havenEnv(source),
      });
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /There is no file .*nope\.backup/);
    } finally {
      folder.remove();
    }
  });

  it('refuses a backup of the other engine, or a file that is no backup, with a plain message', async (source) => {
    const folder = scratchFolder('haven-backup-');
    try {
      const other = path.join(folder.dir, 'other-engine.backup');
      if (engine === 'sqlite') {
        writeFileSync(other, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(200, 1)]));
      } else {
        const sqlite = new SqliteDatabase(other);
        sqlite.exec('create table kysely_migration (name text)');
        sqlite.close();
      }
      const wrong = await runHaven(['restore', other], { env: havenEnv(source) });
      assert.equal(wrong.code, 1);
      assert.match(
        wrong.stderr,
        engine === 'sqlite'
          ? /is a PostgreSQL backup \(pg_dump custom format\), but DATABASE_URL names an SQLite file/
          : /is an SQLite backup, but DATABASE_URL names a PostgreSQL database/,
      );
      const text = path.join(folder.dir, 'notes.txt');
      writeFileSync(text, 'not a backup at all\n');
      const junk = await runHaven(['restore', text], { env: havenEnv(source) });
      assert.equal(junk.code, 1);
      assert.match(
        junk.stderr,
        /is not a Haven backup: it is neither an SQLite database nor a pg_dump archive/,
      );
    } finally {
      folder.remove();
    }
  });

  if (engine === 'sqlite') {
    it('refuses to restore into a file that a running Haven has open', async (source) => {
      const folder = scratchFolder('haven-backup-');
      try {
        const file = path.join(folder.dir, 'haven.db');
        assert.equal((await runHaven(['backup', file], { env: havenEnv(source) })).code, 0);
        await source.handle.db.selectFrom('app_state').selectAll().execute(); // the connection is open
        const result = await runHaven(['restore', file], { env: havenEnv(source) });
        assert.equal(result.code, 1);
        assert.match(result.stderr, /is open in another program \(is Haven running on it\?\): stop Haven/);
      } finally {
        folder.remove();
      }
    });
  } else {
    it('without pg_dump, or with one older than the server, says what to install', async (source) => {
      const folder = scratchFolder('haven-backup-');
      try {
        const file = path.join(folder.dir, 'haven.dump');
        const env = { ...havenEnv(source), PATH: folder.dir };
        const missing = await runHaven(['backup', file], { env });
        assert.equal(missing.code, 1);
        assert.match(
          missing.stderr,
          /pg_dump was not found on PATH: install the PostgreSQL \d+ client tools/,
        );
        writeFileSync(path.join(folder.dir, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n');
        chmodSync(path.join(folder.dir, 'pg_dump'), 0o755);
        const old = await runHaven(['backup', file], { env });
        assert.equal(old.code, 1);
        assert.match(old.stderr, /pg_dump is version 9, older than the database server \(PostgreSQL \d+\)/);
        assert.deepEqual(readdirSync(folder.dir), ['pg_dump'], 'no backup file, not even a partial one');
      } finally {
        folder.remove();
      }
    });
  }
});

describe('haven backup and restore: usage', () => {
  test('a missing or extra argument, or an unknown option, exits 2 with the usage', async () => {
    for (const args of [['backup'], ['restore'], ['restore', 'a', 'b'], ['restore', '--force', 'a']]) {
      const result = await runHaven(args, { env: { DATABASE_URL: 'sqlite:/nonexistent/haven.db' } });
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, new RegExp(`Usage: haven ${args[0]} <file>`));
    }
    const help = await runHaven(['restore', '--help']);
    assert.match(help.stdout, /Haven must NOT be running on it/);
  });
});
