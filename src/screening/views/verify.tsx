import type { ClinicProfile } from '../../platform/config/clinic.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { CsrfField, ErrorSummary, Field } from '../../web/components/form.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { linkMessages as m } from '../messages.js';

/** Another browser than the link's own asks for the date of birth of the request (decision 017). */
export function VerifyPage({
  formToken,
  value,
  error,
  clinic,
}: {
  formToken: string;
  value: string;
  error: string | null;
  clinic: ClinicProfile;
}) {
  return (
    <div class="prose screening">
      <h1>{m.verifyTitle}</h1>
      <ErrorSummary title={m.errorTitle} errors={error ? [{ field: 'dob', message: error }] : []} />
      <p class="lead">{m.verifyLead}</p>
      <form method="post" action="/screening/verify" novalidate>
        <CsrfField token={formToken} />
        <Field
          name="dob"
          label={m.dob}
          type="date"
          value={value}
          hint={m.dobHint}
          error={error ?? undefined}
          autocomplete="bday"
        />
        <button type="submit">{m.submit}</button>
      </form>
      <p>
        {m.newLink} <PhoneLink phone={clinic.phone} />
      </p>
      <CrisisNotice />
    </div>
  );
}

/** The link cannot be opened in this browser: kept apart from LinkProblem, whose status is 410. */
export function VerifyRefused({ reason, clinic }: { reason: 'locked' | 'no_dob'; clinic: ClinicProfile }) {
  return (
    <div class="prose screening">
      <h1>{m.verifyTitle}</h1>
      <p class="lead">{reason === 'locked' ? m.locked : m.noDob}</p>
      <p>
        {m.newLink} <PhoneLink phone={clinic.phone} />
      </p>
      <CrisisNotice />
    </div>
  );
}
