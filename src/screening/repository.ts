import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { ScreeningInvitationsTable, ScreeningResponsesTable } from './tables.js';

/**
 * SQL for screening invitations and responses. The urgent safety review's columns live on intake's requests
 * and are reached through intake's review port (decision 022).
 */

type Db = Kysely<Database> | Transaction<Database>;
export type InvitationRow = Selectable<ScreeningInvitationsTable>;
export type ResponseRow = Selectable<ScreeningResponsesTable>;

/**
 * The `instrument` value of every row written since decision 017's 2026-12 amendment: which questionnaires
 * were answered is inside the sealed answers, and one row per invitation means the row count says nothing.
 */
export const SEALED_SECTIONS = 'sealed';

export const screeningRepository = {
  insertInvitation: async (db: Db, row: Insertable<ScreeningInvitationsTable>): Promise<void> => {
    await db.insertInto('screening_invitations').values(row).execute();
  },

  bindDevice: async (db: Db, id: string, deviceHash: string): Promise<void> => {
    await db
      .updateTable('screening_invitations')
      .set({ device_hash: deviceHash, verify_failures: 0 })
      .where('id', '=', id)
      .execute();
  },

  /** Counts one wrong answer to the date-of-birth question; returns the count after it. */
  countVerifyFailure: async (db: Db, id: string): Promise<number> => {
    await db
      .updateTable('screening_invitations')
      .set((eb) => ({ verify_failures: eb('verify_failures', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const row = await db
      .selectFrom('screening_invitations')
      .select('verify_failures')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.verify_failures);
  },

  invitationByTokenHash: (db: Db, tokenHash: string) =>
    db.selectFrom('screening_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

  invitationsForRequest: (db: Db, requestId: string) =>
    db
      .selectFrom('screening_invitations')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .execute(),

  markSubmitted: async (db: Db, id: string, at: string): Promise<void> => {
    await db.updateTable('screening_invitations').set({ submitted_at: at }).where('id', '=', id).execute();
  },

  response: (db: Db, invitationId: string) =>
    db
      .selectFrom('screening_responses')
      .selectAll()
      .where('invitation_id', '=', invitationId)
      .where('instrument', '=', SEALED_SECTIONS)
      .executeTakeFirst(),

  responsesForRequest: (db: Db, requestId: string) =>
    db
      .selectFrom('screening_responses')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('instrument', '=', SEALED_SECTIONS)
      .orderBy('updated_at')
      .execute(),

  /** Rows stored before the instrument was sealed: one per instrument, its name in clear. */
  legacyResponses: (db: Db) =>
    db
      .selectFrom('screening_responses')
      .selectAll()
      .where('instrument', '!=', SEALED_SECTIONS)
      .orderBy('invitation_id')
      .orderBy('updated_at')
      .execute(),

  deleteResponse: async (db: Db, id: string): Promise<void> => {
    await db.deleteFrom('screening_responses').where('id', '=', id).execute();
  },

  insertResponse: async (db: Db, row: ResponseRow): Promise<void> => {
    await db.insertInto('screening_responses').values(row).execute();
  },

  updateResponse: async (db: Db, id: string, sealedAnswers: string, at: string): Promise<void> => {
    await db
      .updateTable('screening_responses')
      .set({ sealed_answers: sealedAnswers, updated_at: at })
      .where('id', '=', id)
      .execute();
  },
};
