import { describe, type TestContext, test } from 'node:test';
import type { Engine } from '../../src/platform/database/database.js';
import { buildTestApp, type TestApp, type TestAppOptions } from './app.js';
import { ENGINES, postgresUnavailableReason } from './database.js';
import { type TestClock, testClock } from './staff.js';
import { skipOrFail } from './strict.js';

/**
 * Runs the same app tests on every engine, the way `forEachEngine` (engines.ts) does for bare databases:
 * `appOnEachEngine('the inbox', (engine, it) => { it('…', { content: 'none' }, async (testApp, clock) => …) })`.
 * Each `it` gets a fixed clock (testClock) and the whole app on a fresh database with that clock, closed
 * afterwards even when the test throws. The options are buildTestApp's, with its defaults (so the demo
 * content is imported unless a test says `content: 'none'`). Without PostgreSQL its half is skipped (or
 * fails, under HAVEN_TEST_STRICT=1).
 */
export type AppEngineTest = (testApp: TestApp, clock: TestClock, t: TestContext) => Promise<void>;
export type AppEngineOptions = Omit<TestAppOptions, 'engine' | 'now'>;

export function appOnEachEngine(
  name: string,
  body: (engine: Engine, it: (title: string, options: AppEngineOptions, fn: AppEngineTest) => void) => void,
): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      body(engine, (title, options, fn) => {
        test(title, async (t) => {
          if (engine === 'postgres') {
            const reason = await postgresUnavailableReason();
            if (reason) return skipOrFail(t, reason);
          }
          const clock = testClock();
          const testApp = await buildTestApp({ ...options, engine, now: clock.now });
          try {
            await fn(testApp, clock, t);
          } finally {
            await testApp.close();
          }
        });
      });
    });
  }
}
