import { describe, type TestContext, test } from 'node:test';
import type { Engine } from '../../src/platform/database/database.js';
import { createTestDatabase, ENGINES, postgresUnavailableReason, type TestDatabase } from './database.js';
import { skipOrFail } from './strict.js';

/**
 * Runs the same tests on every engine: `forEachEngine('content version', (engine, it) => { it('…', async (db) => …) })`.
 * Each `it` gets a fresh migrated database, disposed afterwards. Without PostgreSQL its half is skipped
 * (or fails, under HAVEN_TEST_STRICT=1).
 */
type EngineTest = (db: TestDatabase, t: TestContext) => Promise<void>;

export function forEachEngine(
  name: string,
  body: (
    engine: Engine,
    it: (title: string, fn: EngineTest, options?: { migrated?: boolean }) => void,
  ) => void,
): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      body(engine, (title, fn, options) => {
        test(title, async (t) => {
          if (engine === 'postgres') {
            const reason = await postgresUnavailableReason();
            if (reason) return skipOrFail(t, reason);
          }
          const db = await createTestDatabase(engine, options);
          try {
            await fn(db, t);
          } finally {
            await db.dispose();
          }
        });
      });
    });
  }
}
