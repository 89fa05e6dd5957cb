import { PostgresAdapter, type Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { Db } from './repository.js';

/** SQL for the sign-in counters (src/staff/throttle.ts). No rules live here. */

export interface ThrottleRow {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export const throttleRepository = {
  /**
   * Makes sure each counter has a row and locks them all for the rest of the transaction, in one order so
   * two transactions never wait on each other. On PostgreSQL the rows are locked FOR UPDATE; on SQLite the
   * insert takes the database's write lock first, which serialises every writer, other processes included.
   */
  lockRows: async (
    trx: Transaction<Database>,
    keys: string[],
    now: string,
  ): Promise<Map<string, ThrottleRow>> => {
    const sorted = [...keys].sort();
    await trx
      .insertInto('auth_throttle')
      .values(sorted.map((key) => ({ key, failures: 0, first_failure_at: now, locked_until: null })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    let query = trx.selectFrom('auth_throttle').selectAll().where('key', 'in', sorted).orderBy('key');
    if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    const rows = await query.execute();
    return new Map(rows.map((row) => [row.key, row]));
  },

  saveRow: async (db: Db, row: ThrottleRow): Promise<void> => {
    await db
      .updateTable('auth_throttle')
      .set({ failures: row.failures, first_failure_at: row.first_failure_at, locked_until: row.locked_until })
      .where('key', '=', row.key)
      .execute();
  },

  uncount: async (db: Db, key: string): Promise<void> => {
    await db
      .updateTable('auth_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1) }))
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  },

  deleteRow: async (db: Db, key: string): Promise<void> => {
    await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
  },

  failures: async (db: Db, key: string): Promise<number | undefined> =>
    (await db.selectFrom('auth_throttle').select('failures').where('key', '=', key).executeTakeFirst())
      ?.failures,

  /** Rows whose window began before `windowStart` and whose lock, if any, has run out by `now`. */
  deleteStale: async (db: Db, windowStart: string, now: string): Promise<number> => {
    const result = await db
      .deleteFrom('auth_throttle')
      .where('first_failure_at', '<', windowStart)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
