import type { ClinicProfile } from '../../platform/config/clinic.js';
import { LocationDetails } from '../../web/components/location-details.js';
import { timeZoneName } from '../../web/hours.js';

export function LocationsPage({ clinic }: { clinic: ClinicProfile }) {
  return (
    <>
      <h1>Locations and hours</h1>
      <p class="lead">
        All times are {timeZoneName(clinic.timeZone)}. We are closed on days and times not listed.
      </p>
      <div class="cards">
        {clinic.locations.map((location) => (
          <div class="card" key={location.id}>
            <LocationDetails location={location} headingLevel={2} />
            <p>
              <strong>Treatments here:</strong>{' '}
              {location.treatments
                .map((id) => clinic.treatments.find((treatment) => treatment.id === id)?.name ?? id)
                .join('; ')}
            </p>
          </div>
        ))}
      </div>
      <p>
        Email: <a href={`mailto:${clinic.email}`}>{clinic.email}</a>. Please do not send health details by
        email; call us or use the <a href="/request-appointment">appointment request page</a> instead.
      </p>
    </>
  );
}
