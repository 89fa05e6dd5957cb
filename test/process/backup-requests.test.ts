import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createCipher, createKeyring, parseMasterKeyList } from '../../src/platform/crypto/index.js';
import { createTestDatabase, ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { skipOrFail } from '../helpers/strict.js';
import { startHavenProcess, submitRequest, TEST_MASTER_KEYS } from '../helpers/submissions.js';
import { backupDuringLoad, restoreIntoEmptyDatabase, scratchFolder } from './backup-harness.js';

/**
 * A backup taken while people keep sending requests to a running Haven restores to a database where every
 * request acknowledged (303) before the backup began is present and readable with the master key.
 */
for (const engine of ENGINES) {
  describe(`backup during a load of requests [${engine}]`, () => {
    test('every request acknowledged before the backup began is in the restore, readable', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const folder = scratchFolder('haven-backup-requests-');
      const file = path.join(folder.dir, 'haven.db');
      const pg =
        engine === 'postgres' ? await createTestDatabase('postgres', { migrated: false }) : undefined;
      await pg?.handle.close();
      const source = pg ?? { config: { engine: 'sqlite' as const, file, url: `sqlite:${file}` } };
      const url = source.config.engine === 'sqlite' ? source.config.url : source.config.connectionString;
      const haven = await startHavenProcess({ DATABASE_URL: url });
      try {
        const result = await backupDuringLoad({
          source,
          file: path.join(folder.dir, engine === 'sqlite' ? 'backup.db' : 'backup.dump'),
          concurrency: 4,
          warmUp: 40,
          write: async (index) => {
            const submission = {
              key: `backup-${engine}-${index}-${Date.now()}`,
              name: `Backup Person ${index}`,
            };
            const status = await submitRequest(haven.origin, submission);
            if (status !== 303) throw new Error(`submission answered ${status}`);
            return submission;
          },
        });
        assert.equal(result.backup.code, 0, result.backup.stderr);
        assert.ok(result.acknowledgedDuringBackup > 0, 'requests kept arriving while the backup ran');
        t.diagnostic(
          `${engine}: ${result.acknowledgedBeforeBackup.length} requests acknowledged before the backup, ${result.acknowledgedDuringBackup} during it; backup ${Math.round(result.milliseconds)} ms, ${(result.bytes / 1024).toFixed(0)} KB`,
        );
        const restored = await restoreIntoEmptyDatabase(
          engine,
          path.join(folder.dir, engine === 'sqlite' ? 'backup.db' : 'backup.dump'),
        );
        try {
          assert.equal(restored.restore.code, 0, restored.restore.stderr);
          const keys = parseMasterKeyList(TEST_MASTER_KEYS);
          assert.ok(keys.ok);
          const cipher = createCipher({ keyring: createKeyring(keys.value) });
          const rows = await restored.database.handle.db
            .selectFrom('appointment_requests')
            .select(['id', 'idempotency_key', 'sealed'])
            .execute();
          const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
          for (const submission of result.acknowledgedBeforeBackup) {
            const row = byKey.get(submission.key);
            assert.ok(row, `request ${submission.key} acknowledged before the backup is missing`);
            const person = JSON.parse(cipher.open(row.sealed, `appointment_requests.sealed:${row.id}`)) as {
              name: string;
            };
            assert.equal(person.name, submission.name);
          }
        } finally {
          await restored.database.dispose();
        }
      } finally {
        haven.child.kill('SIGTERM');
        await haven.exited;
        await pg?.dispose();
        folder.remove();
      }
    });
  });
}
