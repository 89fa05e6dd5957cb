import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { ClinicProfile } from '../platform/config/clinic.js';
import { type PageCache, sendCachedPage } from '../platform/http/page-cache.js';
import { renderPage } from '../web/layout.js';
import type { PageMeta, SiteContext } from '../web/site-context.js';
import { clinicJsonLd } from '../web/structured-data.js';
import { AccessibilityPage } from './views/accessibility-page.js';
import { CrisisResourcesPage } from './views/crisis-resources-page.js';
import { LocationsPage } from './views/locations-page.js';
import { PrivacyPage } from './views/privacy-page.js';
import { RequestAppointmentPage } from './views/request-appointment-page.js';
import { SearchPage } from './views/search-page.js';

export interface SitePagesOptions {
  site: SiteContext;
  pageCache: PageCache;
}

interface StaticPage extends Omit<PageMeta, 'path'> {
  view(clinic: ClinicProfile): VNode;
}

const PAGES: Record<string, StaticPage> = {
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
  '/request-appointment': {
    title: 'Request an appointment',
    description:
      'Call us to request a consultation for ketamine infusion therapy or TMS. No referral needed.',
    view: (clinic) => <RequestAppointmentPage clinic={clinic} />,
  },
};

const SearchQuery = z.object({ q: z.string().max(200).optional().catch(undefined) });

/** The clinic's fixed pages, built from the clinic profile, and the interim search page. */
export async function sitePagesRoutes(
  app: FastifyInstance,
  { site, pageCache }: SitePagesOptions,
): Promise<void> {
  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, (request, reply) => {
      const cached = pageCache.get(path, () =>
        renderPage(
          site,
          {
            title: page.title,
            description: page.description,
            path,
            jsonLd: path === '/locations' ? clinicJsonLd(site.clinic, site.publicUrl) : undefined,
          },
          page.view(site.clinic),
        ),
      );
      return sendCachedPage(request, reply, cached);
    });
  }

  app.get('/search', (request, reply) => {
    const { q } = SearchQuery.parse(request.query);
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    return renderPage(
      site,
      { title: 'Search', description: 'Search this site.', path: '/search', noindex: true },
      <SearchPage query={q ?? ''} />,
    );
  });
}
