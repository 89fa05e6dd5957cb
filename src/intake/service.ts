import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../platform/audit/index.js';
import type { ClinicProfile } from '../platform/config/clinic.js';
import type { Cipher } from '../platform/crypto/index.js';
import type { Database } from '../platform/database/schema.js';
import { nextContact } from './next-contact.js';
import { requestsRepository as repo } from './repository.js';
import type { AppointmentRequestInput } from './validate.js';

/**
 * Taking in appointment requests (decision 016). A request is acknowledged to the person only after one
 * transaction has stored it, its audit event and its outbox messages. What the person wrote is sealed
 * before it reaches the database; notification emails say only that a request arrived.
 */

/** Where emails wait to be sent (src/platform/mail): inside the caller's transaction. */
export interface MailQueue {
  enqueue(
    trx: Transaction<Database>,
    message: { kind: string; to: string; subject: string; text: string },
  ): Promise<unknown>;
}

export const requestContext = (id: string) => `appointment_requests.sealed:${id}`;
export const noteContext = (id: string) => `appointment_request_events.sealed_note:${id}`;

/** The sealed part of a request: everything the person told us. */
export interface SealedRequest {
  name: string;
  phone: string | null;
  email: string | null;
  dob: string | null;
  message: string;
  times: string;
  referral: string;
  insurance: string;
  referrer: string;
  concerns: string[];
}

export interface IntakeDeps {
  db: Kysely<Database>;
  cipher: Cipher;
  audit: AuditLog;
  mail?: MailQueue;
  /** Told after a commit that queued mail, so the worker sends it at once. */
  mailQueued?: () => void;
  /**
   * Called in the request's transaction once it is stored; may return a screening invitation: the cookie
   * value for the confirmation page's browser, and the link (valid `days`) for the acknowledgement email
   * (the composition root wires screening in).
   */
  onStored?: (trx: Transaction<Database>, requestId: string) => Promise<ScreeningInvitation | undefined>;
  now: () => Date;
  clinic: ClinicProfile;
  publicUrl: URL;
  /** Where "a new request arrived" goes (comma-separated addresses); the clinic's address when unset. */
  notifyEmail?: string;
}

export interface ScreeningInvitation {
  cookie: string;
  link: string;
  days: number;
}

export type Submission = { ok: true; id: string; duplicate: boolean; screeningToken?: string };

export function createIntake(deps: IntakeDeps) {
  const { db, cipher, audit, now } = deps;

  async function notify(
    trx: Transaction<Database>,
    id: string,
    request: AppointmentRequestInput,
    screening: ScreeningInvitation | undefined,
  ) {
    if (!deps.mail) return;
    const link = new URL(`staff/requests/${id}`, deps.publicUrl).href;
    // Nothing the person wrote, not even their name: the email may sit in many inboxes and servers.
    await deps.mail.enqueue(trx, {
      kind: 'staff_new_request',
      to: deps.notifyEmail ?? deps.clinic.email,
      subject: `New appointment request (${deps.clinic.name})`,
      text: `A new appointment request has arrived.\n\nOpen it in the staff area (sign-in needed):\n${link}\n`,
    });
    if (request.email) {
      await deps.mail.enqueue(trx, {
        kind: 'request_acknowledgement',
        to: request.email,
        subject: `We received your request (${deps.clinic.name})`,
        text:
          `Thank you for contacting ${deps.clinic.name}. We have received your request.\n\n` +
          `${nextContact(deps.clinic, now()).text}\n\n` +
          (screening ? questionnaireParagraph(screening) : '') +
          `To reach us sooner, call ${deps.clinic.phone.display} during opening hours. Our email is not monitored around the clock and is not for emergencies.\n\n` +
          'If you are in crisis, call or text 988 (Suicide & Crisis Lifeline), or call 911.\n',
      });
    }
  }

  return {
    /** The email address the person gave, if any, for sending them a link they asked for. */
    async contactEmail(requestId: string): Promise<string | null> {
      const row = await repo.byId(db, requestId);
      if (!row) return null;
      return (JSON.parse(cipher.open(row.sealed, requestContext(row.id))) as SealedRequest).email;
    },

    /** The person's phone number (E.164), if they gave one, for the urgent review's call link. */
    async contactPhone(requestId: string): Promise<string | null> {
      const row = await repo.byId(db, requestId);
      if (!row) return null;
      return (JSON.parse(cipher.open(row.sealed, requestContext(row.id))) as SealedRequest).phone;
    },

    /**
     * What screening needs to choose its questionnaires: the treatment, what the person wants help with, and
     * whether they are known to be an adult (an adult-only instrument is never given to someone under 18; a
     * clinic that sees young people only knows from the date of birth); and the date of birth, never shown,
     * to check a browser its link is not bound to.
     */
    async screeningProfile(
      requestId: string,
    ): Promise<{ treatment: string; concerns: string[]; adult: boolean; dob: string | null } | null> {
      const row = await repo.byId(db, requestId);
      if (!row) return null;
      const sealed = JSON.parse(cipher.open(row.sealed, requestContext(row.id))) as SealedRequest;
      const adult = !row.concerns_minor && (sealed.dob !== null || !deps.clinic.ages.under18);
      return { treatment: row.treatment, concerns: sealed.concerns, adult, dob: sealed.dob || null };
    },

    /**
     * Stores a request once per idempotency key: a double click, a resubmission after "back", or a retry
     * after a dropped connection all answer with the first request's id.
     */
    async submit(request: AppointmentRequestInput, idempotencyKey: string): Promise<Submission> {
      const existing = await repo.byIdempotencyKey(db, idempotencyKey);
      if (existing) return { ok: true, id: existing.id, duplicate: true };
      const id = uuidv7();
      const at = now().toISOString();
      const sealed: SealedRequest = {
        name: request.name,
        phone: request.phone,
        email: request.email,
        dob: request.dob,
        message: request.message,
        times: request.times,
        referral: request.referral,
        insurance: request.insurance,
        referrer: request.referrer,
        concerns: request.concerns,
      };
      let screeningToken: string | undefined;
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insert(trx, {
            id,
            idempotency_key: idempotencyKey,
            status: 'new',
            location: request.location,
            treatment: request.treatment,
            contact_method: request.contactMethod,
            concerns_minor: request.concernsMinor ? 1 : 0,
            sms_consent: request.smsConsent ? 1 : 0,
            sealed: cipher.seal(JSON.stringify(sealed), requestContext(id)),
            assignee_id: null,
            created_at: at,
            updated_at: at,
            closed_at: null,
            safety_flagged_at: null,
            safety_closed_at: null,
            safety_escalated_at: null,
          });
          // The person is anonymous here, and their address is theirs: the entry names the request only.
          await audit.append(trx, {
            actorKind: 'anonymous',
            action: 'request.create',
            outcome: 'success',
            targetType: 'appointment_request',
            targetId: id,
          });
          // The invitation first, so the acknowledgement can carry its link; both commit with the request.
          const invitation = await deps.onStored?.(trx, id);
          await notify(trx, id, request, invitation);
          screeningToken = invitation?.cookie;
        });
      } catch (error) {
        // Two submissions with one key raced: the other one won, and this one is the same request.
        const winner = await repo.byIdempotencyKey(db, idempotencyKey).catch(() => undefined);
        if (winner) return { ok: true, id: winner.id, duplicate: true };
        throw error;
      }
      deps.mailQueued?.();
      return { ok: true, id, duplicate: false, screeningToken };
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;

/**
 * The acknowledgement's questionnaire link, as the confirmation page promises a way back to the questions.
 * The email goes only to an address the person gave, with their consent to be contacted (the form requires
 * it), and says nothing they wrote. The link belongs to the browser that sent the form (decision 017), so
 * the email says what happens elsewhere, in the same words whether or not a date of birth was given.
 */
function questionnaireParagraph(screening: ScreeningInvitation): string {
  return (
    'Before your first visit, you can answer a few standard questions about how you have been. They take about ten minutes, and you can stop and come back:\n\n' +
    `${screening.link}\n\n` +
    `The link works for ${screening.days} days, until you send your answers. Open it on the phone or computer you used to send your request. ` +
    'On any other phone or computer, we will first ask for your date of birth, as you gave it in your request. ' +
    'If you did not give it, or it does not work, call us for a new link.\n\n'
  );
}

/**
 * The retention policy: deletes requests that were closed (closed, not a fit, no response) and arrived
 * before `before`, with their notes and screening answers; one audit entry per request, as the CLI (or as
 * the system, when Haven applies HAVEN_REQUEST_RETENTION itself), in the same transaction.
 */
export async function purgeClosedRequests(
  deps: { db: Kysely<Database>; audit: AuditLog; actorKind?: 'cli' | 'system' },
  before: Date,
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ids = await repo.removeClosedBefore(trx, before.toISOString());
    for (const id of ids) {
      await deps.audit.append(trx, {
        actorKind: deps.actorKind ?? 'cli',
        action: 'request.purge',
        outcome: 'success',
        targetType: 'appointment_request',
        targetId: id,
      });
    }
    return ids.length;
  });
}
