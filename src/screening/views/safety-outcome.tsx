import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ErrorSummary } from '../../web/components/form.js';
import { SAFETY_CONFIRM_LABEL, SAFETY_FIELD_IDS, type SafetyFormValues } from '../safety-form.js';
import { SAFETY_OUTCOMES } from '../safety-outcomes.js';

/** The person's number as one tap to call: dialled in E.164, shown spaced for reading. */
export function CallLink({ phone }: { phone: string | null }) {
  if (!phone) return <p>They gave no phone number: see the request for how to reach them.</p>;
  const parsed = parsePhoneNumberFromString(phone);
  const text = parsed ? parsed.formatInternational() : phone;
  const href = parsed ? parsed.getURI() : `tel:${phone.replace(/[^\d+]/g, '')}`;
  return (
    <p class="call-link">
      Call them: <a href={href}>{text}</a>
    </p>
  );
}

/** Records what a clinician did: an outcome, a confirmation for "reached", and a required note. */
export function SafetyOutcomeFormView({
  requestId,
  csrf,
  values,
  errors = [],
}: {
  requestId: string;
  csrf: string;
  values?: SafetyFormValues;
  errors?: { field: string; message: string }[];
}) {
  const errorFor = (id: string) => errors.find((e) => e.field === id)?.message;
  const fieldError = (id: string) =>
    errorFor(id) ? (
      <p class="error-message" id={`${id}-error`}>
        <span class="visually-hidden">Error: </span>
        {errorFor(id)}
      </p>
    ) : null;
  const outcomeError = errorFor(SAFETY_FIELD_IDS.outcome);
  return (
    <form method="post" action={`/staff/requests/${requestId}/safety`} class="safety-form" novalidate>
      <ErrorSummary errors={errors} title="The outcome was not recorded" />
      <input type="hidden" name="_csrf" value={csrf} />
      <fieldset
        class={outcomeError ? 'field field-error' : 'field'}
        aria-describedby={outcomeError ? `${SAFETY_FIELD_IDS.outcome}-error` : undefined}
      >
        <legend>What happened?</legend>
        {fieldError(SAFETY_FIELD_IDS.outcome)}
        {SAFETY_OUTCOMES.map(({ id: outcome, label }) => (
          <div class="choice" key={outcome}>
            <input
              type="radio"
              id={`safety-outcome-${outcome}`}
              name="outcome"
              value={outcome}
              checked={values?.outcome === outcome}
            />
            <label for={`safety-outcome-${outcome}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <div class={errorFor(SAFETY_FIELD_IDS.confirm) ? 'field field-error' : 'field'}>
        {fieldError(SAFETY_FIELD_IDS.confirm)}
        <div class="checkbox">
          <input
            type="checkbox"
            id={SAFETY_FIELD_IDS.confirm}
            name="confirm"
            value="yes"
            checked={values?.confirm ?? false}
            aria-describedby={`${SAFETY_FIELD_IDS.confirm}-hint${errorFor(SAFETY_FIELD_IDS.confirm) ? ` ${SAFETY_FIELD_IDS.confirm}-error` : ''}`}
            aria-invalid={errorFor(SAFETY_FIELD_IDS.confirm) ? 'true' : undefined}
          />
          <label for={SAFETY_FIELD_IDS.confirm}>{SAFETY_CONFIRM_LABEL}</label>
        </div>
        <p class="hint" id={`${SAFETY_FIELD_IDS.confirm}-hint`}>
          Needed to record that you reached the person.
        </p>
      </div>
      <div class={errorFor(SAFETY_FIELD_IDS.note) ? 'field field-error' : 'field'}>
        <label for={SAFETY_FIELD_IDS.note}>Outcome note</label>
        <p class="hint" id={`${SAFETY_FIELD_IDS.note}-hint`}>
          What you did and, if you reached them, your assessment of their safety. Stored encrypted; only
          clinicians read it.
        </p>
        {fieldError(SAFETY_FIELD_IDS.note)}
        <textarea
          id={SAFETY_FIELD_IDS.note}
          name="note"
          rows={3}
          aria-describedby={`${SAFETY_FIELD_IDS.note}-hint${errorFor(SAFETY_FIELD_IDS.note) ? ` ${SAFETY_FIELD_IDS.note}-error` : ''}`}
          aria-invalid={errorFor(SAFETY_FIELD_IDS.note) ? 'true' : undefined}
        >
          {values?.note ?? ''}
        </textarea>
      </div>
      <button type="submit">Record the outcome</button>
    </form>
  );
}

/** What the request page says after an outcome was recorded (the redirect carries only this code). */
export const SAFETY_DONE_MESSAGES: Record<string, string> = {
  'safety-closed': 'Outcome recorded: the urgent safety review is closed.',
  'safety-attempt': 'Attempt recorded: the urgent safety review stays open. Try again soon.',
};
