import type { ClinicProfile } from '../../platform/config/clinic.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { intakeMessages as m } from '../messages.js';

export function Received({
  clinic,
  nextContact,
  minor,
  screening,
}: {
  clinic: ClinicProfile;
  nextContact: string;
  minor: boolean;
  screening: boolean;
}) {
  return (
    <div class="prose">
      <h1>We have your request</h1>
      <p class="lead">Thank you. Your request reached us safely.</p>
      <h2>What happens next</h2>
      <ol>
        <li>{nextContact}</li>
        <li>
          We will call, text or email you, as you asked, to talk about how you are doing and whether a
          consultation makes sense.
        </li>
        <li>There is no cost and no commitment in this first conversation.</li>
      </ol>
      {minor ? <p class="notice">{m.minorNote}</p> : null}
      {screening ? (
        <div class="callout">
          <h2>Save time at your first visit</h2>
          <p>
            If you have ten minutes now, answer a few standard questions about how you have been feeling. Your
            clinician will go through them with you. You can stop and come back to them.
          </p>
          <p>
            <a class="button" href="/screening">
              Answer the questions
            </a>
          </p>
        </div>
      ) : null}
      <h2>If you need us sooner</h2>
      <p>
        Call us at <PhoneLink phone={clinic.phone} />.
      </p>
      <CrisisNotice />
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </div>
  );
}
