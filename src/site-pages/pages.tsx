import type { VNode } from 'preact';
import type { ClinicProfile } from '../platform/config/clinic.js';
import type { PageMeta } from '../web/site-context.js';
import { AccessibilityPage } from './views/accessibility-page.js';
import { CrisisResourcesPage } from './views/crisis-resources-page.js';
import { LocationsPage } from './views/locations-page.js';
import { PrivacyPage } from './views/privacy-page.js';

export interface StaticPage extends Omit<PageMeta, 'path'> {
  view(clinic: ClinicProfile): VNode;
}

/** The clinic's fixed pages, built from the clinic profile. */
export const PAGES: Record<string, StaticPage> = {
  '/locations': {
    title: 'Locations and hours',
    description:
      'Addresses, phone numbers and opening hours of every location, and which treatments each offers.',
    view: (clinic) => <LocationsPage clinic={clinic} />,
  },
  '/crisis-resources': {
    title: 'Crisis resources',
    description: 'Free help at any hour: call or text 988, text HOME to 741741, or call 911 in an emergency.',
    view: (clinic) => <CrisisResourcesPage clinic={clinic} />,
  },
  '/privacy': {
    title: 'Privacy notice',
    description:
      'What this website collects, what it never does, and how your health information is protected.',
    view: (clinic) => <PrivacyPage clinic={clinic} />,
  },
  '/accessibility': {
    title: 'Accessibility statement',
    description: 'How this website aims to work for everyone, and how to tell us when something does not.',
    view: (clinic) => <AccessibilityPage clinic={clinic} />,
  },
};
