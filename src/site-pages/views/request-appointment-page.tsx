import type { ClinicProfile } from '../../platform/config/clinic.js';
import { LocationDetails, PhoneLink } from '../../web/components/location-details.js';

/** Until the online request form is built, this page tells people how to reach the clinic by phone. */
export function RequestAppointmentPage({ clinic }: { clinic: ClinicProfile }) {
  return (
    <>
      <div class="prose">
        <h1>Request an appointment</h1>
        <p class="lead">
          Call us at <PhoneLink phone={clinic.phone} /> and our team will answer your questions and find a
          time for a consultation. You do not need a referral.
        </p>
        <p>
          If you call outside opening hours, leave a message with your name and number and we will call you
          back.
        </p>
      </div>
      <h2>When we are open</h2>
      <div class="cards">
        {clinic.locations.map((location) => (
          <div class="card" key={location.id}>
            <LocationDetails location={location} headingLevel={3} />
          </div>
        ))}
      </div>
    </>
  );
}
