import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../staff/index.js';
import type { ScreeningStatus } from '../review.js';
import { CallLink, SAFETY_DONE_MESSAGES, SafetyOutcomeFormView } from './safety-outcome.js';

/** The screening part of a request's staff page: the urgent review first, then progress and actions. */
export function ScreeningSection({
  requestId,
  status,
  csrf,
  can,
  titles,
  phone,
  done,
}: {
  requestId: string;
  status: ScreeningStatus;
  csrf: string;
  can: { readAnswers: boolean; acknowledge: boolean; invite: boolean };
  titles: Record<string, string>;
  /** The person's phone number (E.164), for the call link in the urgent box. */
  phone: string | null;
  /** The outcome just recorded (a code from the redirect), to say so on the page. */
  done?: string;
}) {
  const open = status.safety !== null && status.safety.closedAt === null;
  const doneMessage = done ? SAFETY_DONE_MESSAGES[done] : undefined;
  return (
    <section aria-labelledby="screening-title" class="screening-section">
      {doneMessage ? (
        <p class="notice" role="status">
          {doneMessage}
        </p>
      ) : null}
      {open ? (
        <div class="notice notice-urgent" role="alert">
          <h2>Urgent safety review</h2>
          {/* Why the review is open is health information: only those who may read the answers see it. */}
          {can.readAnswers ? (
            <p>
              This person's answers included thoughts of being better off dead or of self-harm. A clinician
              should contact them today and record the outcome here.
            </p>
          ) : (
            <p>A clinician must contact this person today and record the outcome here.</p>
          )}
          {status.safety?.escalatedAt ? (
            <p>
              <strong>Escalated:</strong> no one acknowledged it in time, so it was sent on to the escalation
              address.
            </p>
          ) : null}
          <CallLink phone={phone} />
          {can.acknowledge ? (
            <SafetyOutcomeFormView requestId={requestId} csrf={csrf} />
          ) : (
            <p>Tell a clinician now.</p>
          )}
        </div>
      ) : null}
      <h2 id="screening-title">Pre-visit screening</h2>
      <p>
        {status.submitted
          ? 'Complete: the person has sent their answers.'
          : status.instrumentsStarted.length > 0
            ? `In progress: ${status.instrumentsStarted.map((id) => titles[id] ?? id).join(', ')} started.`
            : status.invited
              ? 'Sent, not started yet.'
              : 'Not sent.'}
        {status.safety?.closedAt ? ' An urgent safety review was raised and has been closed.' : ''}
      </p>
      {can.readAnswers && status.instrumentsStarted.length > 0 ? (
        <p>
          <a href={`/staff/requests/${requestId}/screening`}>View screening answers and scores</a>
        </p>
      ) : null}
      {can.invite && !status.submitted ? (
        <form method="post" action={`/staff/requests/${requestId}/screening/invite`}>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="button-secondary">
            Make a screening link to send
          </button>
        </form>
      ) : null}
    </section>
  );
}

const DoneQuery = z.object({ done: z.enum(['safety-closed', 'safety-attempt']).optional().catch(undefined) });

/** The section for a request's page, as a function the request page calls with the staff member's request. */
export function screeningSectionFor(
  review: { status(actor: Actor, requestId: string): Promise<ScreeningStatus | null> },
  titles: Record<string, string>,
  contactPhone: (requestId: string) => Promise<string | null>,
) {
  return async (request: FastifyRequest, requestId: string) => {
    const staff = request.staff;
    if (!staff) return null;
    const status = await review.status(staff.actor, requestId);
    if (!status) return null;
    const open = status.safety !== null && status.safety.closedAt === null;
    const done = DoneQuery.parse(request.query ?? {}).done;
    return (
      <ScreeningSection
        requestId={requestId}
        status={status}
        csrf={staff.session.csrf_token}
        titles={titles}
        phone={open ? await contactPhone(requestId) : null}
        done={done}
        can={{
          readAnswers: staff.actor.permissions.has('screening:read'),
          acknowledge: staff.actor.permissions.has('safety:acknowledge'),
          invite: staff.actor.permissions.has('requests:change_status'),
        }}
      />
    );
  };
}
