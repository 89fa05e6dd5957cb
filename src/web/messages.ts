/** Interface strings of the web shell, kept in one place so another language edition can follow. */
export const shellMessages = {
  skipToContent: 'Skip to main content',
  mainNavigation: 'Main',
  searchLabel: 'What would you like to find?',
  searchButton: 'Search',
  requestAppointment: 'Request an appointment',
  demoBanner:
    'This is a demonstration site. It is not a real clinic, and nothing you enter here will reach one.',
  crisisLead: 'If you are in crisis,',
  crisisCall: 'call',
  crisisText988: 'text 988',
  crisisOr: ', or call ',
  footerLinksLabel: 'About this site',
  notMedicalAdvice:
    'The health information on this site is general information, not medical advice. Talk with a clinician about your own care.',
  goodFaithEstimate:
    'If you have no health insurance, or you will pay for care yourself, you have the right to a Good Faith Estimate of the cost before your visit. Ask us for one.',
  goodFaithEstimateLink: 'Good Faith Estimates explained',
  goodFaithEstimateHref: '/articles/insurance-and-cost#your-right-to-a-good-faith-estimate',
  about: 'About us',
  faq: 'Frequently asked questions',
  privacy: 'Privacy notice',
  accessibility: 'Accessibility statement',
  crisisResources: 'Crisis resources',
  locations: 'Locations and hours',
  home: 'Home',
  navCompare: 'Compare',
  navConditions: 'Conditions',
  navArticles: 'Articles',
  navCrisis: 'Crisis help',
  phone: 'Phone',
  hours: 'Hours',
  timesShownIn: (zoneName: string) => `Times are ${zoneName}.`,
  closedOtherDays: 'Closed at other times.',
} as const;

/** The clinic's age policy in one sentence, the same on the home page and the request form. */
export function agePolicySentence(ages: { minimum: number; under18: boolean }): string {
  return ages.under18
    ? `We see people aged ${ages.minimum} and over. Under 18, a parent or guardian takes part in care.`
    : `We see adults aged ${ages.minimum} and over.`;
}

/** Said plainly wherever a person writes to the clinic: nobody watches it at night, so it is not for a crisis. */
export const notMonitored = 'This is not monitored around the clock and is not for emergencies.';

export const weekdayNames = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const;
