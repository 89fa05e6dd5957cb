import type { ClinicProfile } from '../../platform/config/clinic.js';
import type { TreatmentDescription } from '../../platform/config/treatments.js';
import { PhoneLink } from '../../web/components/location-details.js';
import { agePolicySentence } from '../../web/messages.js';
import { homeMessages as m } from '../messages.js';

function offeredTreatments(clinic: ClinicProfile): { treatment: TreatmentDescription; where: string[] }[] {
  return clinic.treatments.map((treatment) => ({
    treatment,
    where: clinic.locations.filter((l) => l.treatments.includes(treatment.id)).map((l) => l.name),
  }));
}

export function HomePage({ clinic }: { clinic: ClinicProfile }) {
  const listFormat = new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' });
  return (
    <>
      <section class="hero" aria-labelledby="home-title">
        <h1 id="home-title">{m.heading}</h1>
        <p class="lead">{clinic.tagline ?? m.defaultLead}</p>
        <div class="actions">
          <a class="button" href="/request-appointment">
            {m.requestAppointment}
          </a>
          <a class="button button-secondary" href={`tel:${clinic.phone.dial}`}>
            {m.call(clinic.phone.display)}
          </a>
        </div>
      </section>

      <section aria-labelledby="what-we-treat">
        <h2 id="what-we-treat">{m.whatWeTreat}</h2>
        <p class="prose">{m.whatWeTreatIntro}</p>
        <p class="prose" id="age-policy">
          {agePolicySentence(clinic.ages)}
        </p>
        <ul>
          {m.conditions.map((condition) => (
            <li key={condition.slug}>
              <a href={`/conditions/${condition.slug}`}>{condition.label}</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="treatments">
        <h2 id="treatments">{m.treatmentsHeading}</h2>
        <ul class="cards">
          {offeredTreatments(clinic).map(({ treatment, where }) => (
            <li class="card" key={treatment.id}>
              <h3>
                <a href={treatment.page}>{treatment.name}</a>
              </h3>
              <p>{treatment.summary}</p>
              <p class="fine-print">{m.offeredAt(listFormat.format(where))}</p>
            </li>
          ))}
        </ul>
        {clinic.treatments.length > 1 ? (
          <p>
            <a href="/compare">{m.compare}</a>
          </p>
        ) : null}
        <p>
          <a href="/articles">{m.readArticles}</a>
        </p>
      </section>

      <section aria-labelledby="get-started">
        <h2 id="get-started">{m.gettingStarted}</h2>
        <ol class="steps">
          {m.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p>
          <a class="button" href="/request-appointment">
            {m.requestAppointment}
          </a>
        </p>
      </section>

      <section aria-labelledby="where">
        <h2 id="where">{m.whereHeading}</h2>
        <ul>
          {clinic.locations.map((location) => (
            <li key={location.id}>
              <strong>{location.name}</strong>, {location.address.street}, {location.address.city}.{' '}
              {m.phoneLabel} <PhoneLink phone={location.phone} />
            </li>
          ))}
        </ul>
        <p>
          <a href="/locations">{m.seeHours}</a>
        </p>
      </section>
    </>
  );
}
