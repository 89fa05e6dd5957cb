import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  type ContentService,
  contentRoutes,
  contentSearchDocuments,
  createContentService,
} from './content/index.js';
import { homeRoutes } from './home/index.js';
import type { Config } from './platform/config/config.js';
import { watchContentVersion } from './platform/database/content-version.js';
import type { DatabaseHandle } from './platform/database/database.js';
import { cspReportRoutes } from './platform/http/csp-report.js';
import { drainPlugin } from './platform/http/drain.js';
import { healthRoutes } from './platform/http/health.js';
import { PageCache } from './platform/http/page-cache.js';
import { rateLimitsPlugin } from './platform/http/rate-limits.js';
import { requestLogPlugin } from './platform/http/request-log.js';
import { securityHeadersPlugin } from './platform/http/security-headers.js';
import type { Logger } from './platform/logging/logger.js';
import { createSearchService, loadSynonyms, type SearchService, searchRoutes } from './search/index.js';
import { sitePageSearchDocuments, sitePagesRoutes } from './site-pages/index.js';
import { type AssetCatalog, loadAssets } from './web/assets.js';
import { errorPagesPlugin } from './web/error-pages.js';
import { webShellRoutes } from './web/routes.js';
import type { SiteContext } from './web/site-context.js';

/** Everything the app is built from; tests pass their own database, logger and settings. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  assets?: AssetCatalog;
  /** How often each process looks for content changed elsewhere. */
  contentPollMs?: number;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

/** Pages served by features other than content, listed in the sitemap. */
const STATIC_PATHS = [
  '/',
  '/locations',
  '/request-appointment',
  '/crisis-resources',
  '/privacy',
  '/accessibility',
];

/**
 * The composition root: platform plugins first, then each feature, listed by hand. Only src/server.ts
 * listens; tests use the returned instance with inject(). The caller owns (and closes) the database.
 */
declare module 'fastify' {
  interface FastifyInstance {
    /** The content service, for the CLI and start-up (import) and for tests. */
    content: ContentService;
    /** The site search, for start-up and tests (which wait for its first index). */
    siteSearch: SearchService;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request lines include the query string; ours (request-log.ts) never do.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 64 * 1024,
    // Request ids are ours; a client-supplied id could be used to forge log lines.
    requestIdHeader: false,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  const assets = deps.assets ?? loadAssets();
  const site: SiteContext = { clinic: config.clinic, assets, publicUrl: config.publicUrl };
  const contentVersion = await watchContentVersion(database.db, {
    pollMs: deps.contentPollMs ?? 2000,
    onError: (error) => logger.warn({ err: error }, 'content version could not be read'),
  });
  app.addHook('onClose', async () => contentVersion.stop());
  const content: ContentService = createContentService({
    db: database.db,
    contentVersion: contentVersion.current,
    now: deps.now ?? (() => new Date()),
    timeZone: config.clinic.timeZone,
    afterChange: () => contentVersion.refresh(),
  });
  app.decorate('content', content);
  const pageCache = new PageCache({ contentVersion: content.visibleVersion });
  const search = createSearchService({
    documents: async () => [
      ...(await contentSearchDocuments(content)),
      ...sitePageSearchDocuments(config.clinic),
    ],
    version: content.visibleVersion,
    synonyms: loadSynonyms(),
    logger,
  });
  app.decorate('siteSearch', search);

  await app.register(securityHeadersPlugin, { https: config.publicUrl.protocol === 'https:' });
  await app.register(rateLimitsPlugin, { perMinute: config.rateLimitPerMinute });
  await app.register(requestLogPlugin);
  await app.register(drainPlugin);
  await app.register(errorPagesPlugin, { site });
  await app.register(healthRoutes, {
    checks: { database: () => database.isReachable(), search: () => search.isReady() },
  });
  await app.register(cspReportRoutes);
  await app.register(webShellRoutes, { site, assets });

  await app.register(homeRoutes, { site, pageCache });
  await app.register(sitePagesRoutes, { site, pageCache });
  await app.register(searchRoutes, { site, search });
  await app.register(contentRoutes, { site, pageCache, content, staticPaths: STATIC_PATHS });
  return app;
}
