import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { ScreeningInvitationsTable, ScreeningResponsesTable } from './tables.js';

/** SQL for screening invitations and responses, and the urgent safety review's columns on a request. */

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

  /** The invitations of a request, each with the name of the staff member who made it (null: the form). */
  invitationsWithCreator: (db: Db, requestId: string) =>
    db
      .selectFrom('screening_invitations as i')
      .leftJoin('staff_users as s', 's.id', 'i.created_by')
      .select(['i.id', 'i.created_at', 'i.created_by', 'i.submitted_at', 's.display_name as creator_name'])
      .where('i.request_id', '=', requestId)
      .orderBy('i.created_at')
      .execute(),

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
