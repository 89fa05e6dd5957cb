import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import type { Permission } from '../staff/index.js';
import { requestsRepository as repo } from './repository.js';
import { noteContext } from './service.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What other features may do to a request (decision 022): add an entry to its timeline, and raise, close
 * and escalate its urgent safety review (decision 017). Screening uses this port instead of intake's tables;
 * every call takes the caller's transaction, so the effect commits with the caller's audit entry.
 */
export interface RequestReviewPort {
  /** The request's treatment and review state; undefined when there is no such request. */
  reviewState(db: Db, requestId: string): Promise<ReviewState | undefined>;
  /** Raises the flag once: false when it is already raised and open. */
  markForReview(db: Db, requestId: string, at: string): Promise<boolean>;
  closeReview(db: Db, requestId: string, at: string): Promise<boolean>;
  openUnescalatedReviews(db: Db): Promise<{ id: string; safety_flagged_at: string | null }[]>;
  /** Marks one escalated; false when another process did it first. */
  markEscalated(db: Db, requestId: string, at: string): Promise<boolean>;
  /** Adds an entry to the request's timeline; a note is sealed where the inbox opens it. */
  addTimelineEntry(db: Db, entry: TimelineEntry): Promise<void>;
}

export interface ReviewState {
  id: string;
  treatment: string;
  safety_flagged_at: string | null;
  safety_closed_at: string | null;
  safety_escalated_at: string | null;
}

export interface TimelineEntry {
  requestId: string;
  at: string;
  actorId: string | null;
  /** A dotted kind of the calling feature's own (`safety.reached`); the inbox labels it with TimelineKinds. */
  kind: string;
  note: string | null;
}

/**
 * Timeline kinds other features add, with their labels and who may read their notes; passed to the inbox in
 * the composition root, so intake never names another feature's kinds (decision 022).
 */
export type TimelineKinds = Readonly<Record<string, { label: string; notePermission: Permission }>>;

export function createRequestReviewPort(deps: { cipher: Cipher }): RequestReviewPort {
  return {
    reviewState: (db, requestId) => repo.requestSafety(db, requestId),
    markForReview: (db, requestId, at) => repo.raiseSafetyFlag(db, requestId, at),
    closeReview: (db, requestId, at) => repo.closeSafetyFlag(db, requestId, at),
    openUnescalatedReviews: (db) => repo.openUnescalatedFlags(db),
    markEscalated: (db, requestId, at) => repo.markEscalated(db, requestId, at),
    async addTimelineEntry(db, entry) {
      const id = uuidv7();
      await repo.insertEvent(db, {
        id,
        request_id: entry.requestId,
        at: entry.at,
        actor_id: entry.actorId,
        kind: entry.kind,
        status_from: null,
        status_to: null,
        sealed_note: entry.note === null ? null : deps.cipher.seal(entry.note, noteContext(id)),
      });
    },
  };
}
