import type { ClinicLocation } from '../../platform/config/clinic.js';
import { formatOpeningHours } from '../hours.js';
import { shellMessages as m } from '../messages.js';

export function PhoneLink({ phone }: { phone: { display: string; dial: string } }) {
  return <a href={`tel:${phone.dial}`}>{phone.display}</a>;
}

/** A location's address, phone and opening hours; the heading level fits where it is placed. */
export function LocationDetails({
  location,
  headingLevel,
}: {
  location: ClinicLocation;
  headingLevel: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { address } = location;
  // A plain block, not a <section> landmark: the footer and a page may both list the same location.
  return (
    <div class="location">
      <Heading>{location.name}</Heading>
      <address>
        {address.street}
        <br />
        {address.city}, {address.region} {address.postalCode}
        <br />
        {m.phone}: <PhoneLink phone={location.phone} />
      </address>
      <dl class="hours">
        {formatOpeningHours(location.hours).map((line) => (
          <>
            <dt>{line.days}</dt>
            <dd>{line.times}</dd>
          </>
        ))}
      </dl>
    </div>
  );
}
