import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { StaffSessionsTable, StaffTokensTable, StaffUsersTable } from './tables.js';

/** SQL for staff accounts, sessions and one-time tokens. No rules live here. */

export type Db = Kysely<Database> | Transaction<Database>;
export type StaffUserRow = Selectable<StaffUsersTable>;
export type StaffSessionRow = Selectable<StaffSessionsTable>;
export type StaffTokenRow = Selectable<StaffTokensTable>;

export const staffRepository = {
  countUsers: async (db: Db): Promise<number> => {
    const row = await db
      .selectFrom('staff_users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  listUsers: (db: Db): Promise<StaffUserRow[]> =>
    db.selectFrom('staff_users').selectAll().orderBy('email').execute(),

  userById: (db: Db, id: string): Promise<StaffUserRow | undefined> =>
    db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst(),

  userByEmail: (db: Db, email: string): Promise<StaffUserRow | undefined> =>
    db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst(),

  insertUser: async (db: Db, row: StaffUserRow): Promise<void> => {
    await db.insertInto('staff_users').values(row).execute();
  },

  updateUser: async (
    db: Db,
    id: string,
    changes: Partial<Omit<StaffUserRow, 'id' | 'created_at'>>,
  ): Promise<void> => {
    await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
  },

  /** Records the step a TOTP code was used for, only if it is later than the last one: one use per code. */
  claimTotpStep: async (db: Db, id: string, step: number): Promise<boolean> => {
    const result = await db
      .updateTable('staff_users')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  replaceRecoveryCodes: async (
    db: Db,
    userId: string,
    rows: { id: string; code_hash: string; created_at: string }[],
  ): Promise<void> => {
    await db.deleteFrom('staff_recovery_codes').where('user_id', '=', userId).execute();
    if (rows.length === 0) return;
    await db
      .insertInto('staff_recovery_codes')
      .values(rows.map((row) => ({ ...row, user_id: userId, used_at: null })))
      .execute();
  },

  /** Marks an unused recovery code used; false when there is none (wrong, or already spent). */
  spendRecoveryCode: async (db: Db, userId: string, codeHash: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('staff_recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** A person's unused wrapped (pre-2026-12-04) recovery codes, at most `limit`. */
  wrappedRecoveryCodes: (
    db: Db,
    userId: string,
    prefix: string,
    limit: number,
  ): Promise<{ id: string; code_hash: string }[]> =>
    db
      .selectFrom('staff_recovery_codes')
      .select(['id', 'code_hash'])
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('code_hash', 'like', `${prefix}%`)
      .orderBy('id')
      .limit(limit)
      .execute(),

  /** Marks one unused recovery code of this person used; false when another request spent it first. */
  spendRecoveryCodeById: async (db: Db, userId: string, id: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('staff_recovery_codes')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  unusedRecoveryCodes: async (db: Db, userId: string): Promise<number> => {
    const row = await db
      .selectFrom('staff_recovery_codes')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  insertSession: async (db: Db, row: StaffSessionRow): Promise<void> => {
    await db.insertInto('staff_sessions').values(row).execute();
  },

  sessionByTokenHash: (db: Db, tokenHash: string): Promise<StaffSessionRow | undefined> =>
    db.selectFrom('staff_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

  activeSessions: (db: Db, userId: string, now: string): Promise<StaffSessionRow[]> =>
    db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute(),

  /** Live sessions by sign-in time, newest first (ties by id, which is time-ordered). */
  activeSessionsNewestFirst: (db: Db, userId: string, now: string): Promise<StaffSessionRow[]> =>
    db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  /** Forgets a person's remembered devices (decision 013); returns how many. */
  forgetDevices: async (db: Db, userId: string, at: string): Promise<number> => {
    const result = await db
      .updateTable('staff_devices')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  updateSession: async (
    db: Db,
    id: string,
    changes: Partial<Pick<StaffSessionRow, 'last_seen_at' | 'reauthenticated_at' | 'revoked_at'>>,
  ): Promise<void> => {
    await db.updateTable('staff_sessions').set(changes).where('id', '=', id).execute();
  },

  /** Revokes the user's live sessions, all or all but one; returns how many ended. */
  revokeSessions: async (db: Db, userId: string, at: string, exceptId?: string): Promise<number> => {
    let query = db
      .updateTable('staff_sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  insertToken: async (db: Db, row: StaffTokenRow): Promise<void> => {
    await db.insertInto('staff_tokens').values(row).execute();
  },

  tokenByHash: (db: Db, tokenHash: string): Promise<StaffTokenRow | undefined> =>
    db.selectFrom('staff_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

  /** Spends a token once: false when it was already used (a second tab, a replay). */
  useToken: async (db: Db, id: string, at: string): Promise<boolean> => {
    const result = await db
      .updateTable('staff_tokens')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  countTokenAttempt: async (db: Db, id: string): Promise<void> => {
    await db
      .updateTable('staff_tokens')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  /** Unused links of a purpose for a user end when a new one is issued: only the newest works. */
  retireTokens: async (db: Db, userId: string, purposes: string[], at: string): Promise<void> => {
    await db
      .updateTable('staff_tokens')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('purpose', 'in', purposes)
      .where('used_at', 'is', null)
      .execute();
  },

  /** Claims one attempt at a code for a live challenge; false when it is spent, expired or out of tries. */
  claimTokenAttempt: async (db: Db, id: string, maxAttempts: number, now: string): Promise<boolean> => {
    const result = await db
      .updateTable('staff_tokens')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('attempts', '<', maxAttempts)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  /** Sign-in challenges (decoys included) that expired before `before`. */
  deleteExpiredChallenges: async (db: Db, before: string): Promise<number> => {
    const result = await db
      .deleteFrom('staff_tokens')
      .where('purpose', '=', 'sign_in')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
