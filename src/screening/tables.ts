import type { Generated } from 'kysely';
import type { EncryptedColumns } from '../platform/crypto/index.js';

/**
 * The screening feature's tables: invitations and sealed answers. Timestamps are ISO-8601 UTC strings on both engines.
 * The whole database type is assembled from every feature's tables in src/database.ts (decision 022).
 */
export interface ScreeningTables {
  screening_invitations: ScreeningInvitationsTable;
  screening_responses: ScreeningResponsesTable;
}

export interface ScreeningInvitationsTable {
  id: string;
  request_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  submitted_at: string | null;
  /** sha256 of the secret cookie of the browser the link is bound to; null until first opened. */
  device_hash: string | null;
  /** Wrong answers to the date-of-birth question from other browsers (decision 017). */
  verify_failures: Generated<number>;
}

/**
 * Every answer given through one invitation, sealed with which questionnaires they belong to (decision
 * 017): `instrument` holds no questionnaire's name (SEALED_SECTIONS), only rows from before 2026-12-04 not
 * yet resealed do.
 */
export interface ScreeningResponsesTable {
  id: string;
  invitation_id: string;
  request_id: string;
  instrument: string;
  instrument_version: string;
  sealed_answers: string;
  updated_at: string;
}

/** The screening feature's sealed columns (decision 011): the answers. Each context is the one its repository seals with. */
export const SCREENING_ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  {
    table: 'screening_responses',
    idColumn: 'id',
    columns: ['sealed_answers'],
    context: (column, id) => `screening_responses.${column}:${id}`,
  },
];
