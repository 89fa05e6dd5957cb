import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { AppointmentRequestEventsTable, AppointmentRequestsTable } from './tables.js';

/** SQL for appointment requests and their timelines. No rules, no decryption here. */

type Db = Kysely<Database> | Transaction<Database>;
export type RequestRow = Selectable<AppointmentRequestsTable>;
export type RequestEventRow = Selectable<AppointmentRequestEventsTable>;

export interface InboxFilter {
  status?: string;
  location?: string;
  treatment?: string;
  /** Created at or after this instant (ISO). */
  from?: string;
  /** Created before this instant (ISO). */
  to?: string;
}

function filtered(db: Db, filter: InboxFilter) {
  let query = db.selectFrom('appointment_requests');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.location) query = query.where('location', '=', filter.location);
  if (filter.treatment) query = query.where('treatment', '=', filter.treatment);
  if (filter.from) query = query.where('created_at', '>=', filter.from);
  if (filter.to) query = query.where('created_at', '<', filter.to);
  return query;
}

export const requestsRepository = {
  byIdempotencyKey: (db: Db, key: string) =>
    db
      .selectFrom('appointment_requests')
      .select(['id'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst(),

  insert: async (db: Db, row: RequestRow): Promise<void> => {
    await db.insertInto('appointment_requests').values(row).execute();
  },

  byId: (db: Db, id: string): Promise<RequestRow | undefined> =>
    db.selectFrom('appointment_requests').selectAll().where('id', '=', id).executeTakeFirst(),

  /**
   * Open urgent safety reviews first (decision 017), the one waiting longest at the top (issue 13); then
   * new requests, then the rest, each newest first.
   */
  list: (db: Db, filter: InboxFilter, limit: number, offset: number): Promise<RequestRow[]> =>
    filtered(db, filter)
      .selectAll()
      .orderBy(
        sql`case when safety_flagged_at is not null and safety_closed_at is null then 0 when status = 'new' then 1 else 2 end`,
      )
      // Null outside the first group, where it ties; so the engines' different null ordering never shows.
      .orderBy(sql`case when safety_closed_at is null then safety_flagged_at end`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),

  count: async (db: Db, filter: InboxFilter): Promise<number> => {
    const row = await filtered(db, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  countsByStatus: async (db: Db): Promise<Map<string, number>> => {
    const rows = await db
      .selectFrom('appointment_requests')
      .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('status')
      .execute();
    return new Map(rows.map((row) => [row.status, Number(row.n)]));
  },

  /** How many urgent safety reviews are open, and the one raised first (the longest wait). */
  openSafetyReviews: async (
    db: Db,
  ): Promise<{ count: number; oldest: { id: string; since: string } | null }> => {
    const open = () =>
      db
        .selectFrom('appointment_requests')
        .where('safety_flagged_at', 'is not', null)
        .where('safety_closed_at', 'is', null);
    const [total, oldest] = await Promise.all([
      open()
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
      open()
        .select(['id', 'safety_flagged_at'])
        .orderBy('safety_flagged_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return {
      count: Number(total.n),
      oldest: oldest?.safety_flagged_at ? { id: oldest.id, since: oldest.safety_flagged_at } : null,
    };
  },

  update: async (
    db: Db,
    id: string,
    changes: Partial<Pick<RequestRow, 'status' | 'assignee_id' | 'updated_at' | 'closed_at'>>,
  ): Promise<void> => {
    await db.updateTable('appointment_requests').set(changes).where('id', '=', id).execute();
  },

  insertEvent: async (db: Db, row: RequestEventRow): Promise<void> => {
    await db.insertInto('appointment_request_events').values(row).execute();
  },

  events: (db: Db, requestId: string): Promise<RequestEventRow[]> =>
    db
      .selectFrom('appointment_request_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('at')
      .orderBy('id')
      .execute(),

  /** Closed requests created before a moment, for the retention purge. */
  /**
   * Deletes closed requests received before the cut-off and returns the ids it deleted. One statement: on
   * PostgreSQL a second purge running at the same moment waits on the row locks and then finds the rows gone,
   * so each request is deleted, and audited, once.
   */
  removeClosedBefore: async (db: Db, before: string): Promise<string[]> =>
    (
      await db
        .deleteFrom('appointment_requests')
        .where('status', 'in', ['closed', 'not_a_fit', 'no_response'])
        .where('created_at', '<', before)
        .returning('id')
        .execute()
    ).map((row) => row.id),

  // The urgent safety review's flag (decision 017), set and cleared by screening through the review port.
  requestSafety: (db: Db, requestId: string) =>
    db
      .selectFrom('appointment_requests')
      .select(['id', 'treatment', 'safety_flagged_at', 'safety_closed_at', 'safety_escalated_at'])
      .where('id', '=', requestId)
      .executeTakeFirst(),

  /** Raises the flag once: false when it is already raised and open. */
  raiseSafetyFlag: async (db: Db, requestId: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('appointment_requests')
      .set({ safety_flagged_at: at, safety_closed_at: null, safety_escalated_at: null, updated_at: at })
      .where('id', '=', requestId)
      .where((eb) => eb.or([eb('safety_flagged_at', 'is', null), eb('safety_closed_at', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  closeSafetyFlag: async (db: Db, requestId: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('appointment_requests')
      .set({ safety_closed_at: at, updated_at: at })
      .where('id', '=', requestId)
      .where('safety_flagged_at', 'is not', null)
      .where('safety_closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  openUnescalatedFlags: (db: Db) =>
    db
      .selectFrom('appointment_requests')
      .select(['id', 'safety_flagged_at'])
      .where('safety_flagged_at', 'is not', null)
      .where('safety_closed_at', 'is', null)
      .where('safety_escalated_at', 'is', null)
      .execute(),

  /** Marks one escalated; false when another process did it first. */
  markEscalated: async (db: Db, requestId: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('appointment_requests')
      .set({ safety_escalated_at: at })
      .where('id', '=', requestId)
      .where('safety_escalated_at', 'is', null)
      .where('safety_closed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
