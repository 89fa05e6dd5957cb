import type { ClinicProfile, WEEKDAYS } from '../platform/config/clinic.js';

/** Schema.org description of the clinic and each of its locations, for the home and locations pages. */
const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const absolute = (base: URL, path: string) => new URL(path.replace(/^\//, ''), base).href;

export function clinicJsonLd(clinic: ClinicProfile, base: URL): object[] {
  return clinic.locations.map((location) => ({
    '@type': 'MedicalClinic',
    '@id': absolute(base, `/locations#${location.id}`),
    name: `${clinic.name}, ${location.name}`,
    url: absolute(base, '/'),
    telephone: location.phone.dial,
    email: clinic.email,
    medicalSpecialty: 'Psychiatric',
    address: {
      '@type': 'PostalAddress',
      streetAddress: location.address.street,
      addressLocality: location.address.city,
      addressRegion: location.address.region,
      postalCode: location.address.postalCode,
      addressCountry: location.address.country,
    },
    openingHoursSpecification: location.hours.map((hours) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: hours.days.map((day) => DAY_NAMES[day]),
      opens: hours.opens,
      closes: hours.closes,
    })),
  }));
}
