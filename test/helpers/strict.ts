import type { TestContext } from 'node:test';

/**
 * With HAVEN_TEST_STRICT=1 (CI sets it) a suite that cannot run (no browser, no PostgreSQL) fails instead of
 * skipping, so a green run always means every suite ran.
 */
export const STRICT = process.env.HAVEN_TEST_STRICT === '1';

/** Skips the test with the reason, or fails it in strict mode. */
export function skipOrFail(t: TestContext, reason: string): void {
  if (STRICT) throw new Error(`${reason} (HAVEN_TEST_STRICT=1 turns a skipped suite into a failure)`);
  t.skip(reason);
}
