import type { Kysely } from 'kysely';
import type { RequestReviewPort, TimelineKinds } from '../intake/index.js';
import type { AuditLog } from '../platform/audit/index.js';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import { type Actor, requirePermission } from '../staff/index.js';
import { openAnswerSet } from './answer-sets.js';
import { screeningRepository as repo } from './repository.js';
import { CLOSING_OUTCOMES, SAFETY_OUTCOMES, type SafetyOutcome } from './safety-outcomes.js';
import type { Screening } from './service.js';

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

/** Where a response came from (decision 017): the link, when it was made, and by whom. */
export interface ScreeningProvenance {
  invitationId: string;
  createdAt: string;
  /** The staff member's name, or null for the link the request form gave the person's own browser. */
  createdBy: string | null;
  /** Made after the person had already sent answers through an earlier link. */
  afterSubmission: boolean;
}

export interface ScreeningAnswers {
  instrument: string;
  version: string;
  answers: Record<string, number | string>;
  updatedAt: string;
  source: ScreeningProvenance;
}

/**
 * The entries the safety review adds to a request's timeline (through intake's port), as the request page
 * shows them, from the one list of outcomes; the outcome's note tells why the review was open, so only
 * screening's readers see it (017).
 */
export const SAFETY_TIMELINE_KINDS: TimelineKinds = Object.fromEntries(
  SAFETY_OUTCOMES.map((outcome) => [
    `safety.${outcome.id}`,
    { label: `urgent safety review: ${outcome.timeline}`, notePermission: 'screening:read' },
  ]),
);

export function createScreeningReview(deps: {
  db: Kysely<Database>;
  cipher: Cipher;
  audit: AuditLog;
  screening: Screening;
  now: () => Date;
  /** Intake's port: the request's review flag and timeline (decision 022). */
  requests: RequestReviewPort;
  /** Staff names by id, disabled accounts included (the staff feature's port). */
  staffNames: () => Promise<ReadonlyMap<string, string>>;
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
      const request = await deps.requests.reviewState(db, requestId);
      if (!request) return null;
      const invitations = await repo.invitationsForRequest(db, requestId);
      const responses = await repo.responsesForRequest(db, requestId);
      const started = responses.flatMap((response) => Object.keys(openAnswerSet(deps.cipher, response)));
      return {
        invited: invitations.length > 0,
        submitted: invitations.some((invitation) => invitation.submitted_at !== null),
        instrumentsStarted: [...new Set(started)],
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
      if (!(await deps.requests.reviewState(db, requestId))) return null;
      const responses = await repo.responsesForRequest(db, requestId);
      const invitations = await repo.invitationsForRequest(db, requestId);
      const names = await deps.staffNames();
      const firstSubmitted = invitations
        .map((invitation) => invitation.submitted_at)
        .filter((at): at is string => at !== null)
        .sort()[0];
      const sources = new Map(
        invitations.map((invitation) => [
          invitation.id,
          {
            invitationId: invitation.id,
            createdAt: invitation.created_at,
            createdBy:
              invitation.created_by === null
                ? null
                : (names.get(invitation.created_by) ?? 'a former staff member'),
            afterSubmission: firstSubmitted !== undefined && invitation.created_at > firstSubmitted,
          },
        ]),
      );
      await audit.record({
        ...who(actor),
        action: 'screening.view',
        outcome: 'success',
        targetType: 'appointment_request',
        targetId: requestId,
      });
      return responses.flatMap((response) =>
        Object.entries(openAnswerSet(deps.cipher, response)).map(([instrument, section]) => ({
          instrument,
          version: section.version,
          answers: section.answers,
          updatedAt: section.updatedAt,
          source: sources.get(response.invitation_id)!,
        })),
      );
    },

    /**
     * A one-time link (14 days) for the person, made from the request page; refused once the person has
     * sent their answers, so nobody can send a second link and read what comes back under their name.
     */
    async invite(
      actor: Actor,
      requestId: string,
    ): Promise<{ ok: true; link: string } | { ok: false; reason: 'already_submitted' } | null> {
      requirePermission(actor, 'requests:change_status');
      return db.transaction().execute(async (trx) => {
        if (!(await deps.requests.reviewState(trx, requestId))) return null;
        const invitations = await repo.invitationsForRequest(trx, requestId);
        if (invitations.some((invitation) => invitation.submitted_at !== null)) {
          await audit.append(trx, {
            ...who(actor),
            action: 'screening.invite',
            outcome: 'denied',
            targetType: 'appointment_request',
            targetId: requestId,
            details: { reason: 'already_submitted' },
          });
          return { ok: false, reason: 'already_submitted' };
        }
        const token = await deps.screening.invite(trx, requestId, actor.userId);
        await audit.append(trx, {
          ...who(actor),
          action: 'screening.invite',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: requestId,
        });
        return { ok: true, link: deps.screening.link(token) };
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
        const request = await deps.requests.reviewState(trx, requestId);
        if (!request) return 'not_found';
        if (request.safety_flagged_at === null || request.safety_closed_at !== null) return 'not_flagged';
        const at = now().toISOString();
        const closes = CLOSING_OUTCOMES.includes(outcome);
        if (closes) await deps.requests.closeReview(trx, requestId, at);
        await deps.requests.addTimelineEntry(trx, {
          requestId,
          at,
          actorId: actor.userId,
          kind: `safety.${outcome}`,
          note,
        });
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
