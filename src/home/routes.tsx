import type { FastifyInstance } from 'fastify';
import { type PageCache, sendCachedPage } from '../platform/http/page-cache.js';
import { NoQuery } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { clinicJsonLd } from '../web/structured-data.js';
import { homeMessages as m } from './messages.js';
import { HomePage } from './views/home-page.js';

export interface HomeOptions {
  site: SiteContext;
  pageCache: PageCache;
}

export async function homeRoutes(app: FastifyInstance, { site, pageCache }: HomeOptions): Promise<void> {
  app.get('/', { schema: { querystring: NoQuery } }, (request, reply) => {
    const page = pageCache.get('/', () =>
      renderPage(
        site,
        {
          title: m.title,
          description: m.description,
          path: '/',
          jsonLd: clinicJsonLd(site.clinic, site.publicUrl),
        },
        <HomePage clinic={site.clinic} />,
      ),
    );
    return sendCachedPage(request, reply, page);
  });
}
