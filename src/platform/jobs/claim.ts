import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * Claims one due time of a cluster job for this process: true for exactly one caller per (job, due time),
 * however many processes share the database. The row `job:<name>` in app_state holds the latest due time
 * claimed; the claim is one conditional UPDATE that moves it forward. On PostgreSQL a second process's
 * UPDATE waits for the first's row lock and then re-checks the condition against the new value, so it
 * updates nothing; SQLite runs one writer at a time. An advisory lock was the alternative (decision 024):
 * it keeps two runs apart in time but does not remember that a due time was run, so a slower process would
 * run it again after the first released the lock.
 */
export async function claimDueTime(
  db: Kysely<Database>,
  job: string,
  dueAt: Date,
  now: Date,
): Promise<boolean> {
  const key = `job:${job}`;
  const due = dueAt.toISOString();
  await db
    .insertInto('app_state')
    // '' sorts before every ISO instant, so the first due time's UPDATE takes it.
    .values({ key, value: '', updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const claimed = await db
    .updateTable('app_state')
    .set({ value: due, updated_at: now.toISOString() })
    .where('key', '=', key)
    .where('value', '<', due)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
