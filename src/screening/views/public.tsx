import type { NextContact } from '../../intake/index.js';
import type { ClinicProfile } from '../../platform/config/clinic.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { ErrorSummary } from '../../web/components/form.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { notMonitored } from '../../web/messages.js';
import type { Section } from '../sections.js';

export function Overview({
  sections,
  progress,
  formToken,
}: {
  sections: Section[];
  progress: Map<string, { answered: number; total: number; nextGroup: string | null }>;
  formToken: string;
}) {
  const allDone = sections.every((section) => progress.get(section.id)?.nextGroup === null);
  return (
    <div class="prose screening">
      <h1>Questions before your first visit</h1>
      <p class="lead">
        These standard questions help your clinician understand how you have been. Your answers are private
        and stored encrypted. You can stop at any time and come back with your link.
      </p>
      <p class="notice">{notMonitored}</p>
      <CrisisNotice />
      {/* One address for every page of questions, whoever answers them: which questionnaires a person gets
          (PCL-5 only after mentioning PTSD) must not show in an address (decision 017). */}
      <ol class="sections">
        {sections.map((section) => {
          const state = progress.get(section.id)!;
          const done = state.nextGroup === null;
          return (
            <li key={section.id}>
              <strong>{section.title}</strong>
              <span>: {done ? 'done' : state.answered === 0 ? 'not started' : 'started'}</span>
            </li>
          );
        })}
      </ol>
      {allDone ? null : (
        <p>
          <a class="button" href="/screening/questions">
            {[...progress.values()].some((state) => state.answered > 0) ? 'Continue' : 'Start'}
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
            Send my answers
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function GroupPage({
  section,
  groupIndex,
  answers,
  errors,
  formToken,
  answeredBefore = false,
}: {
  section: Section;
  groupIndex: number;
  /** Only what was typed in the form just sent: saved answers are never shown again (decision 017). */
  answers: Record<string, number | string>;
  errors: { linkId: string; message: string }[];
  formToken: string;
  answeredBefore?: boolean;
}) {
  const group = section.groups[groupIndex]!;
  const errorFor = (linkId: string) => errors.find((error) => error.linkId === linkId)?.message;
  return (
    <div class="prose screening">
      <p class="fine-print">
        {section.title}: part {groupIndex + 1} of {section.groups.length}
      </p>
      <h1>{section.title}</h1>
      {groupIndex === 0 ? <p>{section.intro}</p> : null}
      {groupIndex === 0 ? <p class="notice">{notMonitored}</p> : null}
      {section.stem ? <p class="lead">{section.stem}</p> : null}
      <ErrorSummary
        title="Please answer these questions"
        errors={errors.map((error) => ({ field: `${error.linkId}-0`, message: error.message }))}
      />
      {answeredBefore ? (
        <p>
          Some questions on this page were answered before. For your privacy, answers are never shown again:
          please answer each question on this page.
        </p>
      ) : null}
      <form method="post" action="/screening/questions" novalidate>
        <input type="hidden" name="_csrf" value={formToken} />
        <input type="hidden" name="_section" value={section.id} />
        <input type="hidden" name="_group" value={group.id} />
        {group.items.map((linkId) => {
          const question = section.question(linkId);
          const error = errorFor(linkId);
          return (
            <fieldset class={error ? 'field field-error' : 'field'} key={linkId}>
              <legend>{question.text}</legend>
              {error ? (
                <p class="error-message" id={`${linkId}-error`}>
                  <span class="visually-hidden">Error: </span>
                  {error}
                </p>
              ) : null}
              {question.options.map((option, index) => (
                <div class="choice" key={option.value}>
                  <input
                    type="radio"
                    id={`${linkId}-${index}`}
                    name={linkId}
                    value={option.value}
                    checked={String(answers[linkId] ?? '') === option.value}
                    aria-describedby={error ? `${linkId}-error` : undefined}
                  />
                  <label for={`${linkId}-${index}`}>{option.display}</label>
                </div>
              ))}
            </fieldset>
          );
        })}
        <button type="submit">Save and continue</button>
      </form>
      <p>
        <a href="/screening">Back to all questions</a>
      </p>
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
