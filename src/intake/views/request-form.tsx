import type { ClinicProfile } from '../../platform/config/clinic.js';
import { NOT_SURE } from '../../platform/config/treatments.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { ErrorSummary, Field } from '../../web/components/form.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { agePolicySentence, notMonitored } from '../../web/messages.js';
import { intakeMessages as m } from '../messages.js';
import { CONCERNS, type FieldProblem, type FormValues } from '../validate.js';

export interface RequestFormProps {
  clinic: ClinicProfile;
  values: FormValues;
  errors: FieldProblem[];
  formToken: string;
  idempotencyKey: string;
  /** A message above the form: the database was away, the form expired, too many requests. */
  alert?: string;
}

function Choice({
  type,
  name,
  value,
  label,
  checked,
  id,
  describedBy,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  value: string;
  label: string;
  checked: boolean;
  id?: string;
  describedBy?: string;
}) {
  const inputId = id ?? `${name}-${value}`;
  return (
    <div class="choice">
      <input
        type={type}
        id={inputId}
        name={name}
        value={value}
        checked={checked}
        aria-describedby={describedBy}
      />
      <label for={inputId}>{label}</label>
    </div>
  );
}

function Group({
  name,
  legend,
  hint,
  error,
  children,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <fieldset class={error ? 'field field-error' : 'field'}>
      <legend>{legend}</legend>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

export function RequestForm({ clinic, values, errors, formToken, idempotencyKey, alert }: RequestFormProps) {
  const err = (field: keyof FormValues) => errors.find((error) => error.field === field)?.message;
  const described = (field: keyof FormValues) => (err(field) ? `${field}-error` : undefined);
  const optional = (label: string) => `${label} (${m.optional})`;
  return (
    <div class="request-page">
      <h1>{m.title}</h1>
      <p class="lead">{m.lead}</p>
      <p id="age-policy">{agePolicySentence(clinic.ages)}</p>
      <p class="notice" id="not-monitored">
        {notMonitored}
      </p>
      <CrisisNotice />
      {alert ? (
        <div class="notice notice-warning" role="alert">
          <p>{alert}</p>
          <p>
            <PhoneLink phone={clinic.phone} />
          </p>
        </div>
      ) : null}
      <ErrorSummary title={m.errorSummaryTitle} errors={errors} />
      <form method="post" action="/request-appointment" novalidate class="request-form">
        <input type="hidden" name="_csrf" value={formToken} />
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        {/* A field people never see: only form-filling robots put something in it. */}
        <div class="hp" aria-hidden="true">
          <label for="website">Leave this empty</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <Field name="name" label={m.name} value={values.name} error={err('name')} autocomplete="name" />
        <Group name="contact_method" legend={m.contactMethod} error={err('contact_method')}>
          {(
            [
              ['phone', m.contactPhone],
              ['text', m.contactText],
              ['email', m.contactEmail],
            ] as const
          ).map(([value, label], index) => (
            <Choice
              key={value}
              type="radio"
              name="contact_method"
              value={value}
              label={label}
              checked={values.contact_method === value}
              id={index === 0 ? 'contact_method' : undefined}
              describedBy={described('contact_method')}
            />
          ))}
        </Group>
        <Field
          name="phone"
          label={m.phone}
          type="tel"
          value={values.phone}
          hint={m.phoneHint}
          error={err('phone')}
          autocomplete="tel"
          required={false}
        />
        <Field
          name="email"
          label={m.email}
          type="email"
          value={values.email}
          error={err('email')}
          autocomplete="email"
          required={false}
        />
        <Field
          name="dob"
          label={optional(m.dob)}
          type="date"
          value={values.dob}
          hint={m.dobHint}
          error={err('dob')}
          autocomplete="bday"
          required={false}
        />
        {clinic.ages.under18 ? (
          <p class="notice minor-note" id="minor-note" hidden>
            {m.minorNote}
          </p>
        ) : null}
        <Group name="location" legend={m.location} error={err('location')}>
          {clinic.locations.map((location, index) => (
            <Choice
              key={location.id}
              type="radio"
              name="location"
              value={location.id}
              label={`${location.name} (${location.address.city})`}
              checked={values.location === location.id}
              id={index === 0 ? 'location' : undefined}
              describedBy={described('location')}
            />
          ))}
        </Group>
        <Group name="treatment" legend={m.treatment} error={err('treatment')}>
          {[
            ...clinic.treatments.map((treatment) => [treatment.id, treatment.choiceLabel] as const),
            [NOT_SURE, m.treatmentNotSure] as const,
          ].map(([value, label], index) => (
            <Choice
              key={value}
              type="radio"
              name="treatment"
              value={value}
              label={label}
              checked={(values.treatment || NOT_SURE) === value}
              id={index === 0 ? 'treatment' : undefined}
            />
          ))}
        </Group>
        <Group name="concerns" legend={optional(m.concerns)} hint={m.concernsHint} error={err('concerns')}>
          {CONCERNS.map((concern, index) => (
            <Choice
              key={concern}
              type="checkbox"
              name="concerns"
              value={concern}
              label={m.concernLabels[concern]}
              checked={values.concerns.includes(concern)}
              id={index === 0 ? 'concerns' : undefined}
            />
          ))}
        </Group>
        <div class={err('message') ? 'field field-error' : 'field'}>
          <label for="message">{optional(m.message)}</label>
          <p class="hint" id="message-hint">
            {m.messageHint}
          </p>
          {err('message') ? (
            <p class="error-message" id="message-error">
              {err('message')}
            </p>
          ) : null}
          <textarea
            id="message"
            name="message"
            rows={5}
            aria-describedby={err('message') ? 'message-hint message-error' : 'message-hint'}
            aria-invalid={err('message') ? 'true' : undefined}
          >
            {values.message}
          </textarea>
        </div>
        <Field
          name="times"
          label={optional(m.times)}
          value={values.times}
          hint={m.timesHint}
          error={err('times')}
          required={false}
        />
        <Field
          name="referral"
          label={optional(m.referral)}
          value={values.referral}
          error={err('referral')}
          required={false}
        />
        <Field
          name="insurance"
          label={optional(m.insurance)}
          value={values.insurance}
          error={err('insurance')}
          required={false}
        />
        <Field
          name="referrer"
          label={optional(m.referrer)}
          value={values.referrer}
          error={err('referrer')}
          required={false}
        />
        <Group name="consent" legend="Your consent">
          <p class="hint">
            <a href="/privacy">{m.privacyLink}</a>
          </p>
          {(['consent_privacy', 'consent_contact', 'consent_sms'] as const).map((field) => (
            <div class={err(field) ? 'choice field-error' : 'choice'} key={field}>
              {err(field) ? (
                <p class="error-message" id={`${field}-error`}>
                  {err(field)}
                </p>
              ) : null}
              <input
                type="checkbox"
                id={field}
                name={field}
                value="yes"
                checked={values[field]}
                aria-describedby={described(field)}
              />
              <label for={field}>
                {field === 'consent_privacy'
                  ? m.consentPrivacy
                  : field === 'consent_contact'
                    ? m.consentContact
                    : m.consentSms}
              </label>
            </div>
          ))}
        </Group>
        <button type="submit">{m.send}</button>
      </form>
    </div>
  );
}
