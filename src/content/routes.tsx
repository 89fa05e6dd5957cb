import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type PageCache, sendCachedPage } from '../platform/http/page-cache.js';
import { NoQuery } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { contentMessages as m } from './messages.js';
import { type ContentType, contentPath, Slug } from './schema.js';
import { atomFeed, breadcrumbJsonLd, itemJsonLd, sitemapXml } from './seo.js';
import type { ContentService, ContentSnapshot } from './service.js';
import { ComparePage } from './views/compare-page.js';
import { ItemPage } from './views/item-page.js';
import { ArticleListPage, IndexPage } from './views/list-pages.js';
import type { Crumb } from './views/parts.js';

export interface ContentRoutesOptions {
  site: SiteContext;
  pageCache: PageCache;
  content: ContentService;
  /** Pages other features serve, for the sitemap. */
  staticPaths: string[];
}

const PAGE_SIZE = 10;

const ListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  tag: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
});

const SlugParams = z.object({ slug: Slug });

const SECTIONS: Record<Exclude<ContentType, 'page'>, { prefix: string; label: string }> = {
  article: { prefix: '/articles', label: m.articles },
  treatment: { prefix: '/treatments', label: m.treatments },
  condition: { prefix: '/conditions', label: m.conditions },
};

function trailFor(type: ContentType, title: string, path: string): Crumb[] {
  const home = { href: '/', label: m.home };
  if (type === 'page') return [home, { href: path, label: title }];
  const section = SECTIONS[type];
  return [home, { href: section.prefix, label: section.label }, { href: path, label: title }];
}

export async function contentRoutes(plainApp: FastifyInstance, options: ContentRoutesOptions): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { site, pageCache, content } = options;
  const base = site.publicUrl;

  /** An item's page, or a 301 from one of its old addresses, or the 404 page. */
  async function sendItem(request: FastifyRequest, reply: FastifyReply, type: ContentType, slug: string) {
    const path = contentPath({ type, slug });
    let snapshot: ContentSnapshot | undefined;
    const page = await pageCache.getAsync(path, async () => {
      snapshot = await content.snapshot();
      const item = snapshot.byPath.get(path);
      if (!item) return undefined;
      const trail = trailFor(type, item.title, path);
      return renderPage(
        site,
        {
          title: item.title,
          description: item.summary ?? item.title,
          path,
          ogType: type === 'article' ? 'article' : 'website',
          jsonLd: [...itemJsonLd(item, base), breadcrumbJsonLd(trail, base)],
        },
        <ItemPage
          item={item}
          rendered={content.render(item)}
          trail={trail}
          related={content.related(snapshot, item)}
          treatments={site.clinic.treatments}
        />,
      );
    });
    if (page) return sendCachedPage(request, reply, page);
    const target = (snapshot ?? (await content.snapshot())).redirects.get(path);
    if (target) return reply.redirect(target, 301);
    return reply.callNotFound();
  }

  // A slug that does not fit names no page: the error pages answer 404 (decision 023).
  const item = { schema: { params: SlugParams, querystring: NoQuery } };
  app.get('/articles/:slug', item, (request, reply) =>
    sendItem(request, reply, 'article', request.params.slug),
  );
  app.get('/treatments/:slug', item, (request, reply) =>
    sendItem(request, reply, 'treatment', request.params.slug),
  );
  app.get('/conditions/:slug', item, (request, reply) =>
    sendItem(request, reply, 'condition', request.params.slug),
  );
  app.get('/:slug', item, (request, reply) => sendItem(request, reply, 'page', request.params.slug));

  app.get('/articles', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { tag, page = 1 } = request.query;
    const key = `/articles?tag=${tag ?? ''}&page=${page}`;
    const cached = await pageCache.getAsync(key, async () => {
      const snapshot = await content.snapshot();
      const matching = tag ? snapshot.articles.filter((a) => a.tags.includes(tag)) : snapshot.articles;
      const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
      if (page > pages || (tag && matching.length === 0)) return undefined;
      const path = tag ? `/articles?tag=${tag}` : '/articles';
      return renderPage(
        site,
        {
          title: tag ? m.taggedWith(tag) : m.articlesTitle,
          description: m.articlesDescription,
          path: page > 1 ? `${path}${tag ? '&' : '?'}page=${page}` : path,
        },
        <ArticleListPage
          articles={matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
          tags={snapshot.articleTags}
          tag={tag}
          page={page}
          pages={pages}
        />,
      );
    });
    return cached ? sendCachedPage(request, reply, cached) : reply.callNotFound();
  });

  for (const type of ['treatment', 'condition'] as const) {
    const { prefix, label } = SECTIONS[type];
    app.get(prefix, { schema: { querystring: NoQuery } }, async (request, reply) => {
      const page = await pageCache.getAsync(prefix, async () => {
        const snapshot = await content.snapshot();
        const items = type === 'treatment' ? snapshot.treatments : snapshot.conditions;
        const trail = [
          { href: '/', label: m.home },
          { href: prefix, label },
        ];
        const intro = type === 'treatment' ? m.treatmentsDescription : m.conditionsDescription;
        return renderPage(
          site,
          { title: label, description: intro, path: prefix, jsonLd: [breadcrumbJsonLd(trail, base)] },
          <IndexPage title={label} intro={intro} items={items} trail={trail} />,
        );
      });
      return sendCachedPage(request, reply, page!);
    });
  }

  app.get('/compare', { schema: { querystring: NoQuery } }, async (request, reply) => {
    const page = await pageCache.getAsync('/compare', async () => {
      const snapshot = await content.snapshot();
      const trail = [
        { href: '/', label: m.home },
        { href: '/compare', label: m.compareTitle },
      ];
      return renderPage(
        site,
        {
          title: m.compareTitle,
          description: m.compareDescription,
          path: '/compare',
          jsonLd: [breadcrumbJsonLd(trail, base)],
        },
        <ComparePage
          treatments={snapshot.treatments}
          article={snapshot.byPath.get('/articles/ketamine-vs-tms')}
        />,
      );
    });
    return sendCachedPage(request, reply, page!);
  });

  app.get('/sitemap.xml', { schema: { querystring: NoQuery } }, async (_request, reply) => {
    const snapshot = await content.snapshot();
    reply.header('cache-control', 'public, max-age=3600').type('application/xml; charset=utf-8');
    return sitemapXml(snapshot, options.staticPaths, base);
  });

  app.get('/feed.xml', { schema: { querystring: NoQuery } }, async (_request, reply) => {
    const snapshot = await content.snapshot();
    reply.header('cache-control', 'public, max-age=3600').type('application/atom+xml; charset=utf-8');
    return atomFeed(snapshot, site.clinic.name, base);
  });

  app.get('/robots.txt', { schema: { querystring: NoQuery } }, (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8');
    return `User-agent: *\nDisallow: /staff\nDisallow: /api/\nDisallow: /search\n\nSitemap: ${new URL('sitemap.xml', base).href}\n`;
  });
}
