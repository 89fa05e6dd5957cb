import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { RequestReviewPort } from '../intake/index.js';
import type { AuditLog } from '../platform/audit/index.js';
import type { ClinicProfile } from '../platform/config/clinic.js';
import type { SafetyConfig } from '../platform/config/safety-settings.js';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import { openMinutesBetween } from '../web/hours.js';
import { type Answers, openAnswerSet, saveSection } from './answer-sets.js';
import { screeningCookieValue } from './cookies.js';
import { type InvitationRow, screeningRepository as repo } from './repository.js';

/**
 * Pre-visit screening (decision 017): one-time invitations, answers saved page by page and sealed, and the
 * urgent safety review that a worrying answer raises at once, tells the on-call address, and escalates when
 * nobody acknowledges it in time. Every step is audited; no email carries health information.
 */

export const INVITATION_DAYS = 14;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export { answersContext } from './answer-sets.js';
/** Wrong dates of birth another browser may give for one link before it only opens in its own browser. */
export const VERIFY_ATTEMPTS = 5;

/**
 * Who made the link a person answered through, for the audit entries of what they send (decision 017): a
 * staff member's id, or "request_form" for the link the public form hands its own browser.
 */
const provenance = (invitation: InvitationRow) => ({
  invitation: invitation.id,
  link_created_by: invitation.created_by ?? 'request_form',
});

export interface MailQueue {
  enqueue(
    trx: Transaction<Database>,
    message: { kind: string; to: string; subject: string; text: string },
  ): Promise<unknown>;
}

export interface ScreeningDeps {
  db: Kysely<Database>;
  /** Intake's port: the request's urgent review flag (decision 022). */
  requests: RequestReviewPort;
  cipher: Cipher;
  audit: AuditLog;
  mail?: MailQueue;
  mailQueued?: () => void;
  now: () => Date;
  clinic: ClinicProfile;
  publicUrl: URL;
  safety: SafetyConfig;
}

export type OpenInvitation =
  | { ok: true; invitation: InvitationRow }
  | { ok: false; reason: 'unknown' | 'expired' | 'submitted' };

export { CLOSING_OUTCOMES, type SafetyOutcome } from './safety-outcomes.js';

export function createScreening(deps: ScreeningDeps) {
  const { db, cipher, audit, now } = deps;
  const staffLink = (requestId: string) => new URL(`staff/requests/${requestId}`, deps.publicUrl).href;
  const link = (token: string) => new URL(`screening?token=${token}`, deps.publicUrl).href;

  /**
   * A new invitation inside the caller's transaction; the token is returned once and stored hashed. With
   * `bindTo`, the link is bound at once to the browser holding that device secret (the request form's).
   */
  async function invite(
    trx: Transaction<Database>,
    requestId: string,
    createdBy: string | null,
    bindTo?: string,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    await repo.insertInvitation(trx, {
      id: uuidv7(),
      request_id: requestId,
      token_hash: hashToken(token),
      created_by: createdBy,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      submitted_at: null,
      device_hash: bindTo === undefined ? null : hashToken(bindTo),
    });
    return token;
  }

  return {
    invite,

    link,

    /**
     * The request form's own link, inside its transaction: bound at once to the form's browser (`device`),
     * whose cookie value comes back, with the link itself for the acknowledgement email (issue 13).
     */
    async inviteFromForm(
      trx: Transaction<Database>,
      requestId: string,
      device: string,
    ): Promise<{ cookie: string; link: string; days: number }> {
      const token = await invite(trx, requestId, null, device);
      return { cookie: screeningCookieValue(token, device), link: link(token), days: INVITATION_DAYS };
    },

    async open(token: string): Promise<OpenInvitation> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'unknown' };
      const invitation = await repo.invitationByTokenHash(db, hashToken(token));
      if (!invitation) return { ok: false, reason: 'unknown' };
      if (invitation.submitted_at !== null) return { ok: false, reason: 'submitted' };
      if (Date.parse(invitation.expires_at) <= now().getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, invitation };
    },

    /** The answers saved so far, by section: for progress only, never shown back to the person. */
    async answers(invitation: InvitationRow): Promise<Record<string, Answers>> {
      const row = await repo.response(db, invitation.id);
      const set = row ? openAnswerSet(cipher, row) : {};
      return Object.fromEntries(Object.entries(set).map(([id, section]) => [id, section.answers]));
    },

    /**
     * Saves one page of answers (merged with the instrument's earlier pages). When `raisesSafety` is true,
     * the request gets the urgent safety review in the same transaction, with its audit entry and the
     * on-call email; a second worrying page does not raise it twice.
     */
    async save(
      invitation: InvitationRow,
      instrument: { id: string; version: string },
      page: Record<string, number | string>,
      raisesSafety: (all: Record<string, number | string>) => boolean,
    ): Promise<{ answers: Record<string, number | string>; safetyRaised: boolean }> {
      const result = await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        const answers = await saveSection(trx, cipher, invitation, instrument, page, at);
        // Which questionnaire is health information (PCL-5: PTSD): the entry names the link, not it.
        await audit.append(trx, {
          actorKind: 'anonymous',
          action: 'screening.save',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: invitation.request_id,
          details: provenance(invitation),
        });
        let safetyRaised = false;
        if (raisesSafety(answers) && (await deps.requests.markForReview(trx, invitation.request_id, at))) {
          safetyRaised = true;
          await audit.append(trx, {
            actorKind: 'system',
            action: 'safety.flag',
            outcome: 'success',
            targetType: 'appointment_request',
            targetId: invitation.request_id,
          });
          await deps.mail?.enqueue(trx, {
            kind: 'safety_on_call',
            to: deps.safety.onCallEmail,
            subject: `Urgent safety review needed (${deps.clinic.name})`,
            text:
              "A person's pre-visit answers need an urgent safety review by a clinician today.\n\n" +
              `Open the request in the staff area (sign-in needed):\n${staffLink(invitation.request_id)}\n\n` +
              'Record the outcome there when you have reached them.\n',
          });
        }
        return { answers, safetyRaised };
      });
      if (result.safetyRaised) deps.mailQueued?.();
      return result;
    },

    /** Emails a screening link to the person (it says nothing about their health); audited, not the address. */
    async emailLink(
      requestId: string,
      to: string,
      link: string,
      actor: { userId: string; ip: string | null; requestId: string | null },
    ): Promise<boolean> {
      if (!deps.mail) return false;
      const mail = deps.mail;
      await db.transaction().execute(async (trx) => {
        await mail.enqueue(trx, {
          kind: 'screening_link',
          to,
          subject: `Questions before your first visit (${deps.clinic.name})`,
          text:
            `${deps.clinic.name} has sent you a link to answer a few standard questions before your first visit. ` +
            `They take about ten minutes, and you can stop and come back.\n\n${link}\n\n` +
            `The link works once, for ${INVITATION_DAYS} days. Questions? Call ${deps.clinic.phone.display}.\n\n` +
            'If you are in crisis, call or text 988 (Suicide & Crisis Lifeline), or call 911.\n',
        });
        await audit.append(trx, {
          actorKind: 'staff',
          actorId: actor.userId,
          ip: actor.ip,
          requestId: actor.requestId,
          action: 'screening.link_email',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: requestId,
        });
      });
      deps.mailQueued?.();
      return true;
    },

    async finish(invitation: InvitationRow): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await repo.markSubmitted(trx, invitation.id, now().toISOString());
        await audit.append(trx, {
          actorKind: 'anonymous',
          action: 'screening.submit',
          outcome: 'success',
          targetType: 'appointment_request',
          targetId: invitation.request_id,
          details: provenance(invitation),
        });
      });
    },

    /**
     * Escalates every urgent review left unacknowledged for `escalationMinutes` of opening hours, on its own
     * timer and whatever happened to earlier emails. Returns how many escalated now.
     */
    async escalateOverdue(): Promise<number> {
      const at = now();
      let escalated = 0;
      for (const flag of await deps.requests.openUnescalatedReviews(db)) {
        const open = openMinutesBetween(
          deps.clinic.locations,
          deps.clinic.timeZone,
          new Date(flag.safety_flagged_at!),
          at,
        );
        if (open < deps.safety.escalationMinutes) continue;
        const done = await db.transaction().execute(async (trx) => {
          if (!(await deps.requests.markEscalated(trx, flag.id, at.toISOString()))) return false;
          await audit.append(trx, {
            actorKind: 'system',
            action: 'safety.escalate',
            outcome: 'success',
            targetType: 'appointment_request',
            targetId: flag.id,
            details: { open_minutes: open },
          });
          await deps.mail?.enqueue(trx, {
            kind: 'safety_escalation',
            to: deps.safety.escalationEmail,
            subject: `Not yet acknowledged: urgent safety review (${deps.clinic.name})`,
            text:
              `An urgent safety review has waited ${open} minutes of opening hours without a clinician's acknowledgement.\n\n` +
              `Open it now (sign-in needed):\n${staffLink(flag.id)}\n`,
          });
          return true;
        });
        if (done) escalated += 1;
      }
      if (escalated > 0) deps.mailQueued?.();
      return escalated;
    },
  };
}

export type Screening = ReturnType<typeof createScreening>;
