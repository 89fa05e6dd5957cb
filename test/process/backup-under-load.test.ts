import assert from 'node:assert/strict';
import path from 'node:path';
import { createAuditLog } from '../../src/platform/audit/index.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { runHaven } from '../helpers/cli.js';
import { forEachEngine } from '../helpers/engines.js';
import {
  backupDuringLoad,
  havenEnv,
  restoreIntoEmptyDatabase,
  scratchFolder,
  seedContent,
} from './backup-harness.js';

/**
 * The promise of `haven backup`: taken while Haven keeps writing, it holds every write that had committed
 * before it began, intact, and nothing half-done. Here the writes are audit events (each its own
 * transaction, hash-chained to the one before), so a torn snapshot would also break the chain.
 */
forEachEngine('haven backup under load', (engine, it) => {
  it('every audit event committed before the backup began is in the restore, and the chain verifies', async (source, t) => {
    const folder = scratchFolder('haven-backup-load-');
    try {
      // About 4 MB of content, so the copy takes long enough for writes to land while it runs.
      await seedContent(source, 4000, 1000);
      const audit = createAuditLog({
        db: source.handle.db,
        now: () => new Date(),
        logger: createLogger({ level: 'silent' }),
      });
      const file = path.join(folder.dir, engine === 'sqlite' ? 'haven.db' : 'haven.dump');
      const result = await backupDuringLoad({
        source,
        file,
        concurrency: 4,
        warmUp: 100,
        write: async (index) => {
          const { seq } = await audit.record({
            actorKind: 'system',
            action: 'backup.load_test',
            outcome: 'success',
            targetType: 'load_test',
            targetId: `w${index}`,
          });
          return { seq, targetId: `w${index}` };
        },
      });
      assert.equal(result.backup.code, 0, result.backup.stderr);
      assert.ok(result.acknowledgedDuringBackup > 0, 'writes kept committing while the backup ran');
      const copy = result.backup.stdout.match(/ in (\d+\.\d) s\./)?.[1];
      const figures = `${engine}: backup ${Math.round(result.milliseconds)} ms with process start (the copy itself ${copy} s), ${(result.bytes / 1048576).toFixed(1)} MB; ${result.acknowledgedBeforeBackup.length} events acknowledged before it began, ${result.acknowledgedDuringBackup} while it ran`;
      t.diagnostic(figures);
      process.stdout.write(`# ${figures}\n`);

      const { restore, database } = await restoreIntoEmptyDatabase(engine, file);
      try {
        assert.equal(restore.code, 0, restore.stderr);
        const restored = new Map(
          (
            await database.handle.db
              .selectFrom('audit_events')
              .select(['seq', 'target_id'])
              .where('action', '=', 'backup.load_test')
              .execute()
          ).map((row) => [Number(row.seq), row.target_id]),
        );
        const lost = result.acknowledgedBeforeBackup.filter(
          ({ seq, targetId }) => restored.get(seq) !== targetId,
        );
        assert.deepEqual(
          lost,
          [],
          'acknowledged before the backup began, but missing or different in the restore',
        );
        assert.equal(
          Number(
            (
              await database.handle.db
                .selectFrom('content_items')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
          4000,
        );
        const verify = await runHaven(['audit', 'verify'], { env: havenEnv(database) });
        assert.equal(verify.code, 0, verify.stdout + verify.stderr);
        assert.match(verify.stdout, new RegExp(`intact: ${restored.size} entries`));
      } finally {
        await database.dispose();
      }
    } finally {
      folder.remove();
    }
  });
});
