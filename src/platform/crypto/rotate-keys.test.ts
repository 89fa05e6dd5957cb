import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import { runHaven } from '../../../test/helpers/cli.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createDatabase } from '../database/database.js';
import type { Database } from '../database/schema.js';
import type { EncryptedColumns } from './encrypted-columns.js';
import { createCipher } from './envelope.js';
import { createKeyring, type MasterKey } from './master-keys.js';
import { rotateKeys } from './rotate-keys.js';

function masterKey(id: string): MasterKey & { base64: string } {
  const material = randomBytes(32);
  return { id, key: createSecretKey(material), base64: material.toString('base64') };
}

/** A table of this test's own, with two encrypted columns, so rotation is tested apart from any feature. */
const TABLE: EncryptedColumns = {
  table: 'rotation_test',
  idColumn: 'id',
  columns: ['secret', 'note'],
  context: (column, id) => `rotation_test.${column}:${id}`,
};

async function createTable(db: Kysely<Database>): Promise<void> {
  await sql`create table rotation_test (id varchar(36) primary key, secret text, note text)`.execute(db);
}

const idOf = (n: number) => `row-${String(n).padStart(3, '0')}`;

forEachEngine('keys rotate', (_engine, it) => {
  const oldKey = masterKey('k2025');
  const newKey = masterKey('k2026');
  const before = createCipher({ keyring: createKeyring([oldKey]) });
  const during = createCipher({ keyring: createKeyring([newKey, oldKey]) });
  const after = createCipher({ keyring: createKeyring([newKey]) });

  it('re-wraps every value so all stay readable with the old key removed, without losing a concurrent edit', async ({
    handle,
    config,
  }) => {
    const { db } = handle;
    await createTable(db);
    const expected = new Map<string, { secret: string | null; note: string | null }>();
    for (let n = 0; n < 23; n += 1) {
      const id = idOf(n);
      const secret = `secret ${n}`;
      const note = n % 3 === 0 ? null : `note ${n}`;
      // A few were written after the new key became active: those are left as they are.
      const sealer = n % 5 === 0 ? during : before;
      await sql`insert into rotation_test (id, secret, note) values (${id}, ${sealer.seal(secret, TABLE.context('secret', id))}, ${note === null ? null : sealer.seal(note, TABLE.context('note', id))})`.execute(
        db,
      );
      expected.set(id, { secret, note });
    }

    // While rotation holds a batch it has read, another Haven process (still on the old keyring) edits one
    // of its rows and deletes another. The edit must survive; the deleted row must not come back.
    const other = createDatabase(config);
    const edited = idOf(6);
    const deleted = idOf(7);
    let interfered = false;
    const interfere: KyselyPlugin = {
      transformQuery: (args) => args.node,
      async transformResult(args) {
        const rows = args.result.rows as { id?: string }[];
        if (!interfered && rows.some((row) => row.id === edited)) {
          interfered = true;
          await sql`update rotation_test set secret = ${before.seal('edited meanwhile', TABLE.context('secret', edited))} where id = ${edited}`.execute(
            other.db,
          );
          await sql`delete from rotation_test where id = ${deleted}`.execute(other.db);
        }
        return args.result;
      },
    };
    const progress: number[] = [];
    try {
      const report = await rotateKeys({
        db: db.withPlugin(interfere),
        cipher: during,
        columns: [TABLE],
        batchSize: 4,
        onProgress: (p) => progress.push(p.scanned),
      });
      assert.ok(interfered, 'the concurrent edit happened during the run');
      assert.equal(report.complete, true);
      assert.equal(report.activeKeyId, 'k2026');
      const secret = report.columns.find((c) => c.column === 'secret')!;
      assert.equal(secret.scanned, 23);
      assert.deepEqual(secret.unreadable, []);
      assert.deepEqual(secret.unfinished, []);
      assert.equal(secret.current, 5, 'rows 0, 5, 10, 15 and 20 were already under the new key');
      assert.ok(progress.length > 5, 'small batches, each reported');
      assert.ok(
        !JSON.stringify(report).includes(oldKey.base64) && !JSON.stringify(report).includes(newKey.base64),
      );
    } finally {
      await other.close();
    }
    expected.set(edited, { secret: 'edited meanwhile', note: expected.get(edited)!.note });
    expected.delete(deleted);

    const { rows } = await sql<{ id: string; secret: string; note: string | null }>`
      select id, secret, note from rotation_test order by id`.execute(db);
    assert.equal(rows.length, expected.size);
    for (const row of rows) {
      assert.deepEqual(
        {
          secret: after.open(row.secret, TABLE.context('secret', row.id)),
          note: row.note === null ? null : after.open(row.note, TABLE.context('note', row.id)),
        },
        expected.get(row.id),
        `${row.id} reads with only the new key`,
      );
    }

    const again = await rotateKeys({ db, cipher: during, columns: [TABLE], batchSize: 4 });
    assert.deepEqual(
      again.columns.map((c) => c.rewrapped),
      [0, 0],
      'a second run finds nothing left to do',
    );
  });

  it('a value no key opens in its place is reported by id and left untouched; missing tables are named', async ({
    handle,
  }) => {
    const { db } = handle;
    await createTable(db);
    const stray = before.seal('copied from elsewhere', TABLE.context('secret', 'row-999'));
    const lost = createCipher({ keyring: createKeyring([masterKey('lost')]) }).seal('x', 'y');
    await sql`insert into rotation_test (id, secret, note) values ('a', ${stray}, ${lost})`.execute(db);
    const report = await rotateKeys({
      db,
      cipher: during,
      columns: [TABLE, { ...TABLE, table: 'not_yet_created' }],
    });
    assert.equal(report.complete, false);
    assert.deepEqual(report.missingTables, ['not_yet_created']);
    const [secret, note] = report.columns;
    assert.equal(secret!.unreadable[0]!.id, 'a');
    assert.match(secret!.unreadable[0]!.reason, /another field or record/);
    assert.match(note!.unreadable[0]!.reason, /master key "lost", which is not among the configured keys/);
    const row = await sql<{ secret: string }>`select secret from rotation_test`.execute(db);
    assert.equal(row.rows[0]!.secret, stray, 'left as it was');
  });
});

test('haven keys rotate runs against the configured database and refuses a development key for https', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'haven-rotate-'));
  const env = { DATABASE_URL: `sqlite:${path.join(cwd, 'haven.db')}` };
  const ok = await runHaven(['keys', 'rotate'], {
    cwd,
    env: { ...env, HAVEN_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}` },
  });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Every encrypted value is under master key "k1"; older keys may be removed\.\n$/);

  const refused = await runHaven(['keys', 'rotate'], {
    cwd,
    env: { ...env, HAVEN_PUBLIC_URL: 'https://clinic.example.org' },
  });
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /^No master key is set, and Haven generates a development key only for an http/,
  );
  assert.equal(existsSync(path.join(cwd, 'data')), false);
});
