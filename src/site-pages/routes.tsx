import type { FastifyInstance } from 'fastify';
import { type PageCache, sendCachedPage } from '../platform/http/page-cache.js';
import { NoQuery } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { clinicJsonLd } from '../web/structured-data.js';
import { PAGES } from './pages.js';

export interface SitePagesOptions {
  site: SiteContext;
  pageCache: PageCache;
}

/** The clinic's fixed pages, built from the clinic profile. */
export async function sitePagesRoutes(
  app: FastifyInstance,
  { site, pageCache }: SitePagesOptions,
): Promise<void> {
  for (const [path, page] of Object.entries(PAGES)) {
    app.get(path, { schema: { querystring: NoQuery } }, (request, reply) => {
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
}
