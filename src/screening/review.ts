import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../platform/audit/index.js';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import { type Actor, requirePermission } from '../staff/index.js';
import { screeningRepository as repo } from './repository.js';
import { answersContext, CLOSING_OUTCOMES, type SafetyOutcome, type Screening } from './service.js';

/**
 * The staff side of screening: whether it is done (any staff member who may see requests), the answers
 * (clinicians only, every view audited), invitations sent from the request page, and the safety review's
 * outcomes (clinicians only). A record that does not exist is "not found".
 */

export interface ScreeningStatus {
  invited: boolean;
  submitted: boolean;
  instrumentsStarted: string[];
  safety: { flaggedAt: string | null; closedAt: string | null; escalatedAt: string | null } | null;
}

export interface ScreeningAnswers {
  instrument: string;
  version: string;
  answers: Record<string, number | string>;
  updatedAt: string;
}

export const SAFETY_OUTCOME_LABELS: Record<SafetyOutcome, string> = {
  reached: 'Reached the person and assessed their safety',
  emergency_referral: 'Referred to emergency services',
  could_not_reach: 'Tried, could not reach them (the review stays open)',
};

export function createScreeningReview(deps: {
  db: Kysely<Database>;
  cipher: Cipher;
  audit: AuditLog;
  screening: Screening;
  now: () => Date;
  /** Seals a note for the request's timeline, where the intake feature opens it (composed in app.ts). */
  sealTimelineNote: (eventId: string, note: string) => string;
}) {
  const { db, audit, now } = deps;
  const who = (actor: Actor) => ({
    actorKind: 'staff' as const,
    actorId: actor.userId,
    ip: actor.ip,
    requestId: actor.requestId,
  });

  return {
    async status(actor: Actor, requestId: string): Promise<ScreeningStatus | null> {
      requirePermission(actor, 'requests:list');
      const request = await repo.requestSafety(db, requestId);
      if (!request) return null;
      const invitations = await repo.invitationsForRequest(db, requestId);
      const responses = await repo.responsesForRequest(db, requestId);
      return {
        invited: invitations.length > 0,
        submitted: invitations.some((invitation) => invitation.submitted_at !== null),
        instrumentsStarted: [...new Set(responses.map((response) => response.instrument))],
        safety:
          request.safety_flagged_at === null
            ? null
            : {
                flaggedAt: request.safety_flagged_at,
                closedAt: request.safety_closed_at,
                escalatedAt: request.safety_escalated_at,
              },
      };
    },

    async answers(actor: Actor, requestId: string): Promise<ScreeningAnswers[] | null> {
      requirePermission(actor, 'screening:read');
      if (!(await repo.requestSafety(db, requestId))) return null;
      const responses = await repo.responsesForRequest(db, requestId);
      await audit.record({
        ...who(actor),
        action: 'screening.view',
        outcome: 'success',
        targetType: 'appointment_request',
        targetId: requestId,
      });
      return responses.map((response) => ({
        instrument: response.instrument,
        version: response.instrument_version,
        answers: JSON.parse(deps.cipher.open(response.sealed_answers, answersContext(response.id))) as Record<
          string,
          number | string
        >,
        updatedAt: response.updated_at,
      }));
    },

    /** A one-time link (14 days) for the person, made from the request page. */
    async invite(actor: Actor, requestId: string): Promise<string | null> {
      requirePermission(actor, 'requests:change_status');
      return db.transaction().execute(async (trx) => {
        if (!(await repo.requestSafety(trx, requestId))) return null;
        const token = await deps.screening.invite(trx, requestId, actor.userId);
        await audit.append(trx, {
          ...who(actor),
          action: 'screening.invite',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: requestId,
        });
        return deps.screening.link(token);
      });
    },

    /**
     * Records what a clinician did, with their note (sealed, in the request's timeline); a closing outcome
     * ends the urgent review, "could not reach" keeps it open.
     */
    async acknowledge(
      actor: Actor,
      requestId: string,
      outcome: SafetyOutcome,
      note: string,
    ): Promise<'closed' | 'recorded' | 'not_found' | 'not_flagged'> {
      requirePermission(actor, 'safety:acknowledge');
      return db.transaction().execute(async (trx) => {
        const request = await repo.requestSafety(trx, requestId);
        if (!request) return 'not_found';
        if (request.safety_flagged_at === null || request.safety_closed_at !== null) return 'not_flagged';
        const at = now().toISOString();
        const closes = CLOSING_OUTCOMES.includes(outcome);
        if (closes) await repo.closeSafetyFlag(trx, requestId, at);
        const eventId = uuidv7();
        await trx
          .insertInto('appointment_request_events')
          .values({
            id: eventId,
            request_id: requestId,
            at,
            actor_id: actor.userId,
            kind: `safety.${outcome}`,
            status_from: null,
            status_to: null,
            sealed_note: deps.sealTimelineNote(eventId, note),
          })
          .execute();
        await audit.append(trx, {
          ...who(actor),
          action: closes ? 'safety.close' : 'safety.attempt',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: requestId,
          details: { outcome },
        });
        return closes ? 'closed' : 'recorded';
      });
    },
  };
}

export type ScreeningReview = ReturnType<typeof createScreeningReview>;
