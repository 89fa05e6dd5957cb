import type { NextContact } from '../../intake/index.js';
import type { ClinicProfile } from '../../platform/config/clinic.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { notMonitored } from '../../web/messages.js';
import { screeningMessages as m } from '../messages.js';
import type { PlanProgress } from '../plan-progress.js';
import { PlanProgressBar, sectionSize } from './questions.js';

export function Overview({ progress, formToken }: { progress: PlanProgress; formToken: string }) {
  const allDone = progress.next === null;
  return (
    <div class="prose screening">
      <h1>Questions before your first visit</h1>
      <p class="lead">
        These standard questions help your clinician understand how you have been. Your answers are private
        and stored encrypted. You can stop at any time and come back with your link.
      </p>
      <p class="notice">{notMonitored}</p>
      <CrisisNotice />
      <PlanProgressBar position={null} completed={progress.completed} total={progress.sections.length} />
      {/* One address for every page of questions, whoever answers them: which questionnaires a person gets
          (PCL-5 only after mentioning PTSD) must not show in an address (decision 017). */}
      <ol class="sections">
        {progress.sections.map(({ section, answered, nextGroup }) => (
          <li key={section.id}>
            <strong>{section.title}</strong>
            <span>
              : {sectionSize(section)} (
              {nextGroup === null ? m.done : answered === 0 ? m.notStarted : m.started})
            </span>
            {section.standardName ? (
              <span class="fine-print"> {m.standardName(section.standardName)}</span>
            ) : null}
          </li>
        ))}
      </ol>
      {allDone ? null : (
        <p>
          <a class="button" href="/screening/questions">
            {progress.sections.some((state) => state.answered > 0) ? 'Continue' : 'Start'}
          </a>
        </p>
      )}
      <form method="post" action="/screening/forget" class="forget">
        <input type="hidden" name="_csrf" value={formToken} />
        <p>Using a shared computer? When you stop, make this browser forget your questions.</p>
        <button type="submit" class="button-secondary">
          Forget me on this device
        </button>
      </form>
      {allDone ? (
        <form method="post" action="/screening/finish">
          <input type="hidden" name="_csrf" value={formToken} />
          <p>You have answered everything. Send your answers to the clinic:</p>
          <button type="submit" id="send-answers">
            {m.send}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/**
 * Shown first, before anything else, when an answer says the person thinks of death or self-harm. It leads
 * with the actions: three large buttons that fit the first screen of a small phone, then the other ways to
 * reach someone, what will happen and when (the clinic's one promise, from its opening hours), and last the
 * way back to the questions. The heading comes first in the main content and takes focus when the page
 * opens (autofocus, no script needed), so a screen reader starts here.
 */
export function SupportPanel({
  clinic,
  next,
  contact,
}: {
  clinic: ClinicProfile;
  next: string;
  contact: NextContact;
}) {
  return (
    <div class="prose screening">
      <section class="support-panel" aria-labelledby="support-title">
        {/* autofocus: focus lands on the panel heading when it opens, with or without script. */}
        <h1 id="support-title" tabindex={-1} autofocus>
          You can talk to someone now
        </h1>
        <ul class="crisis-actions">
          <li>
            <a class="button crisis-action" href="tel:988">
              Call 988
            </a>
          </li>
          <li>
            <a class="button crisis-action" href="sms:988">
              Text 988
            </a>
          </li>
          <li>
            <a class="button crisis-action" href="tel:911">
              Call 911
            </a>
          </li>
        </ul>
        <p class="lead">
          Thank you for telling us. You said you have had thoughts that you would be better off dead or of
          hurting yourself. You do not have to carry that alone. 988 is the Suicide &amp; Crisis Lifeline:
          free, at any hour. Call 911 if you are in danger now.
        </p>
        <h2>Other ways to reach someone</h2>
        <ul class="support-list">
          <li>
            Text HOME to <a href="sms:741741?body=HOME">741741</a> for the Crisis Text Line.
          </li>
          <li>
            Chat with 988 online: <a href="https://988lifeline.org/chat">988lifeline.org/chat</a>
          </li>
          <li lang="es">
            En español: llame al <a href="tel:988">988</a> y oprima 2, o envíe AYUDA por texto al{' '}
            <a href="sms:988?body=AYUDA">988</a>.
          </li>
          {contact.openNow ? (
            <li>
              The clinic is open now: call us at <PhoneLink phone={clinic.phone} />.
            </li>
          ) : null}
        </ul>
        <h2>What happens next</h2>
        <p id="support-next">{contact.urgent}</p>
        <p>
          <a class="button button-secondary" href={next}>
            Go on with the questions
          </a>
        </p>
      </section>
    </div>
  );
}

/** The closing page. After someone told us they think of death or self-harm, it says what happens and when. */
export function Done({ clinic, followUp }: { clinic: ClinicProfile; followUp: string | null }) {
  return (
    <div class="prose screening">
      <h1>Thank you</h1>
      <p class="lead">Your answers have reached the clinic. Your clinician will go through them with you.</p>
      {followUp ? (
        <p class="notice" id="follow-up">
          {followUp}
        </p>
      ) : null}
      <p>
        Questions? Call us at <PhoneLink phone={clinic.phone} />.
      </p>
      <CrisisNotice />
    </div>
  );
}

export function LinkProblem({
  reason,
  clinic,
}: {
  reason: 'unknown' | 'expired' | 'submitted' | 'missing';
  clinic: ClinicProfile;
}) {
  const text = {
    unknown: 'This link is not valid. Check that you copied all of it.',
    expired: 'This link has expired.',
    submitted: 'These answers have already been sent. Thank you.',
    missing: 'Open the link the clinic sent you to answer the questions.',
  }[reason];
  return (
    <div class="prose screening">
      <h1>Questions before your first visit</h1>
      <p class="lead">{text}</p>
      <p>
        For a new link, call us at <PhoneLink phone={clinic.phone} />.
      </p>
      <CrisisNotice />
    </div>
  );
}

/** After "Forget me on this device": the browser lets go of the link; the saved answers stay with the clinic. */
export function Forgotten() {
  return (
    <div class="prose screening">
      <h1>This device has forgotten your questions</h1>
      <p class="lead">
        Nobody using this browser can open your answers now. What you saved is safe with the clinic: open the
        link you were sent to go on.
      </p>
    </div>
  );
}
