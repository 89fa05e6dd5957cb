import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import { type ResponseRow, screeningRepository as repo, SEALED_SECTIONS } from './repository.js';

/**
 * Every answer of one invitation in one sealed value, with the questionnaire each belongs to (decision 017):
 * a plain `instrument` column, or one row per questionnaire, would tell a backup reader that this person
 * answered the PCL-5 and so mentioned PTSD.
 */

export type Answers = Record<string, number | string>;
export interface SectionAnswers {
  version: string;
  answers: Answers;
  updatedAt: string;
}
export type AnswerSet = Record<string, SectionAnswers>;

type Db = Kysely<Database> | Transaction<Database>;
export const answersContext = (id: string) => `screening_responses.sealed_answers:${id}`;

export function openAnswerSet(cipher: Cipher, row: ResponseRow): AnswerSet {
  return (JSON.parse(cipher.open(row.sealed_answers, answersContext(row.id))) as { sections: AnswerSet })
    .sections;
}

/** Merges one section's page into the invitation's sealed answers, inserting the row on the first save. */
export async function saveSection(
  trx: Transaction<Database>,
  cipher: Cipher,
  invitation: { id: string; request_id: string },
  section: { id: string; version: string },
  page: Answers,
  at: string,
): Promise<Answers> {
  const existing = await repo.response(trx, invitation.id);
  const set = existing ? openAnswerSet(cipher, existing) : {};
  const answers = { ...(set[section.id]?.answers ?? {}), ...page };
  set[section.id] = { version: section.version, answers, updatedAt: at };
  await writeSet(trx, cipher, invitation, existing?.id ?? null, set, at);
  return answers;
}

async function writeSet(
  trx: Db,
  cipher: Cipher,
  invitation: { id: string; request_id: string },
  existingId: string | null,
  set: AnswerSet,
  at: string,
): Promise<void> {
  const sealed = (id: string) => cipher.seal(JSON.stringify({ sections: set }), answersContext(id));
  if (existingId) {
    await repo.updateResponse(trx, existingId, sealed(existingId), at);
    return;
  }
  const id = uuidv7();
  await repo.insertResponse(trx, {
    id,
    invitation_id: invitation.id,
    request_id: invitation.request_id,
    instrument: SEALED_SECTIONS,
    instrument_version: '',
    sealed_answers: sealed(id),
    updated_at: at,
  });
}

/**
 * Reseals rows stored before decision 017's amendment (one per questionnaire, its name and version in
 * clear) into the invitation's one sealed row, and deletes them. Run at start, after the migrations; safe
 * to run again. Returns how many old rows it took in.
 */
export async function resealLegacyResponses(db: Kysely<Database>, cipher: Cipher): Promise<number> {
  const legacy = await db.transaction().execute(async (trx) => {
    const rows = await repo.legacyResponses(trx);
    const byInvitation = new Map<string, ResponseRow[]>();
    for (const row of rows)
      byInvitation.set(row.invitation_id, [...(byInvitation.get(row.invitation_id) ?? []), row]);
    for (const [invitationId, old] of byInvitation) {
      const existing = await repo.response(trx, invitationId);
      const set = existing ? openAnswerSet(cipher, existing) : {};
      let latest = existing?.updated_at ?? '';
      for (const row of old) {
        const answers = JSON.parse(cipher.open(row.sealed_answers, answersContext(row.id))) as Answers;
        set[row.instrument] = {
          version: row.instrument_version,
          answers: { ...answers, ...(set[row.instrument]?.answers ?? {}) },
          updatedAt: row.updated_at,
        };
        if (row.updated_at > latest) latest = row.updated_at;
        await repo.deleteResponse(trx, row.id);
      }
      await writeSet(
        trx,
        cipher,
        { id: invitationId, request_id: old[0]!.request_id },
        existing?.id ?? null,
        set,
        latest,
      );
    }
    return rows.length;
  });
  return legacy;
}
