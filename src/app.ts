import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import {
  type ContentService,
  contentRoutes,
  contentSearchDocuments,
  createContentService,
} from './content/index.js';
import { homeRoutes } from './home/index.js';
import {
  createInbox,
  createIntake,
  createRequestReviewPort,
  inboxRoutes,
  intakeRoutes,
  intakeSearchDocuments,
} from './intake/index.js';
import { createAuditLog } from './platform/audit/index.js';
import type { Config } from './platform/config/config.js';
import type { Cipher } from './platform/crypto/index.js';
import { watchContentVersion } from './platform/database/content-version.js';
import type { DatabaseHandle } from './platform/database/database.js';
import { cspReportRoutes } from './platform/http/csp-report.js';
import { drainPlugin } from './platform/http/drain.js';
import { createFormTokens, loadFormTokenSecret } from './platform/http/form-tokens.js';
import { healthRoutes } from './platform/http/health.js';
import { PageCache } from './platform/http/page-cache.js';
import { rateLimitsPlugin } from './platform/http/rate-limits.js';
import { requestLogPlugin } from './platform/http/request-log.js';
import { sameOriginPlugin } from './platform/http/same-origin.js';
import { securityHeadersPlugin } from './platform/http/security-headers.js';
import { SERVER_LIMITS, serverLimitOptions } from './platform/http/server-limits.js';
import { createJobRunner, type JobRunner } from './platform/jobs/index.js';
import type { Logger } from './platform/logging/logger.js';
import { createOutbox, type MailHealth } from './platform/mail/index.js';
import {
  createLinkBinding,
  createScreening,
  createScreeningReview,
  loadChecklists,
  loadInstruments,
  resealLegacyResponses,
  SAFETY_TIMELINE_KINDS,
  SCREENING_COOKIE,
  type Screening,
  screeningRoutes,
  screeningSectionFor,
  screeningStaffRoutes,
} from './screening/index.js';
import {
  createSearchService,
  loadCrisisPhrases,
  loadSynonyms,
  type SearchService,
  searchRoutes,
} from './search/index.js';
import { createSystemSettings, settingsRoutes } from './settings/index.js';
import { sitePageSearchDocuments, sitePagesRoutes } from './site-pages/index.js';
import {
  type Accounts,
  createStaff,
  createSystemNotices,
  MAIL_FAILING,
  MAIL_NOT_CONFIGURED,
  type RouteRule,
  renderStaffErrorPage,
  type SignInHousekeeping,
  staffAccessPlugin,
} from './staff/index.js';
import { type AssetCatalog, loadAssets } from './web/assets.js';
import { errorPagesPlugin } from './web/error-pages.js';
import { webShellRoutes } from './web/routes.js';
import type { SiteContext } from './web/site-context.js';

/** Everything the app is built from; tests pass their own database, logger and settings. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  /** Seals health information and secrets at rest (decision 011). */
  cipher: Cipher;
  /** The mail worker's health, for the staff banner; without it (tests) no mail banner is shown. */
  mailHealth?: () => Promise<MailHealth>;
  /** Called after a commit that queued mail, so it goes out now rather than at the next poll. */
  mailQueued?: () => void;
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
    /** Staff accounts, for start-up (the first administrator's link) and tests. */
    staffAccounts: Accounts;
    /** Sign-in housekeeping (expired challenges, stale throttle counters), for server.ts's timer and tests. */
    staffHousekeeping: SignInHousekeeping;
    /** Screening, for the escalation timer (server.ts) and tests. */
    screening: Screening;
    /** This process's job runner (decision 024): server.ts adds the server's jobs to the app's own. */
    jobs: JobRunner;
    /** Every route with its access rule, known once the app is ready: the authorization test walks it. */
    routeRules: RouteRule[];
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request lines include the query string; ours (request-log.ts) never do.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // Timeouts and the body limit for slow or greedy clients (docs/architecture.md lists them).
    ...serverLimitOptions(),
    // Request ids are ours; a client-supplied id could be used to forge log lines.
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  // Every route declares its input as zod schemas, and handlers receive the parsed values (decision 023).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const assets = deps.assets ?? loadAssets();
  const site: SiteContext = { clinic: config.clinic, assets, publicUrl: config.publicUrl };
  const jobs = createJobRunner({ db: database.db, logger, now });
  app.decorate('jobs', jobs);
  // Stopped before the caller closes the database: a run in flight finishes first.
  app.addHook('onClose', async () => jobs.stop());
  const contentVersion = await watchContentVersion(database.db, {
    onError: (error) => logger.warn({ err: error }, 'content version could not be read'),
  });
  app.addHook('onClose', async () => contentVersion.stop());
  const content: ContentService = createContentService({
    db: database.db,
    contentVersion: contentVersion.current,
    now,
    timeZone: config.clinic.timeZone,
    afterChange: () => contentVersion.refresh(),
  });
  app.decorate('content', content);
  const pageCache = new PageCache({ contentVersion: content.visibleVersion });
  const search = createSearchService({
    documents: async () => [
      ...(await contentSearchDocuments(content)),
      ...sitePageSearchDocuments(config.clinic),
      ...intakeSearchDocuments(config.clinic),
    ],
    version: content.visibleVersion,
    synonyms: loadSynonyms(),
    crisisPhrases: loadCrisisPhrases(),
    logger,
  });
  app.decorate('siteSearch', search);
  // Each process rebuilds its index as soon as its watcher sees the content version move (decision 009).
  contentVersion.onChange(() => search.refresh());
  app.addHook('onClose', async () => search.stop());

  const audit = createAuditLog({ db: database.db, now, logger });
  const formTokens = createFormTokens({ secret: await loadFormTokenSecret(database.db, now()), now });
  const outbox = createOutbox({ db: database.db, cipher: deps.cipher, now, publicUrl: config.publicUrl });
  // What screening may do to a request, through intake's port rather than its tables (decision 022).
  const requestReviews = createRequestReviewPort({ cipher: deps.cipher });
  const screening = createScreening({
    db: database.db,
    requests: requestReviews,
    cipher: deps.cipher,
    audit,
    mail: outbox,
    mailQueued: deps.mailQueued,
    now,
    clinic: config.clinic,
    publicUrl: config.publicUrl,
    safety: config.safety,
  });
  app.decorate('screening', screening);
  const linkBinding = createLinkBinding({ db: database.db, audit });
  // Answers stored before their questionnaire was sealed are resealed before any request (decision 017).
  // Two processes starting together may race on one invitation's row: the loser finds the work done.
  await resealLegacyResponses(database.db, deps.cipher).catch(() =>
    resealLegacyResponses(database.db, deps.cipher),
  );
  const instruments = loadInstruments();
  const checklists = loadChecklists();
  const intake = createIntake({
    db: database.db,
    cipher: deps.cipher,
    audit,
    mail: outbox,
    mailQueued: deps.mailQueued,
    notifyEmail: config.mail.notifyEmail,
    // The form's own browser holds its link from the start, so handing the link on gains nothing.
    onStored: async (trx, requestId) => {
      const device = linkBinding.newDevice();
      return screening.inviteFromForm(trx, requestId, device);
    },
    now,
    clinic: config.clinic,
    publicUrl: config.publicUrl,
  });
  const inbox = createInbox({
    db: database.db,
    cipher: deps.cipher,
    audit,
    now,
    timeZone: config.clinic.timeZone,
  });
  const mailHealth = deps.mailHealth;
  const notices = createSystemNotices(
    mailHealth
      ? [
          async () => {
            const health = await mailHealth();
            return !health.configured ? MAIL_NOT_CONFIGURED : health.failing ? MAIL_FAILING : null;
          },
        ]
      : [],
  );
  await notices.refresh();
  // Each process keeps its own view fresh: the content version it serves, the notices its pages show.
  jobs.add([
    {
      name: 'content version watch',
      scope: 'process',
      every: deps.contentPollMs ?? 2000,
      run: () => contentVersion.refresh(),
    },
    { name: 'staff notices refresh', scope: 'process', every: 10_000, run: () => notices.refresh() },
  ]);
  jobs.start();
  const staff = createStaff({
    db: database.db,
    config,
    site,
    sealer: deps.cipher,
    audit,
    formTokens,
    now,
    notices: notices.current,
    requestWork: (actor) => inbox.summary(actor),
  });
  app.decorate('staffAccounts', staff.accounts);
  app.decorate('staffHousekeeping', staff.housekeeping);
  const routeRules: RouteRule[] = [];
  app.decorate('routeRules', routeRules);

  await app.register(securityHeadersPlugin, { https: config.publicUrl.protocol === 'https:' });
  await app.register(rateLimitsPlugin, { perMinute: config.rateLimitPerMinute });
  // Screening addresses are logged as their route only (decision 017).
  await app.register(requestLogPlugin, { templateOnly: ['/screening'] });
  await app.register(drainPlugin);
  await app.register(sameOriginPlugin, { publicOrigin: config.publicUrl.origin });
  await app.register(formbody, { bodyLimit: SERVER_LIMITS.bodyLimit });
  await app.register(staffAccessPlugin, {
    sessions: staff.sessions,
    formTokens,
    audit,
    publicOrigin: config.publicUrl.origin,
    routes: routeRules,
  });
  await app.register(errorPagesPlugin, {
    site,
    // Signed-in staff meet errors in the staff area inside its own shell, with its navigation.
    areaPage: (request, status, text) =>
      request.staff && (request.url === '/staff' || request.url.startsWith('/staff/'))
        ? renderStaffErrorPage(
            {
              site,
              signedIn: request.staff,
              idleMinutes: config.staffSessions.idleMinutes,
              notices: notices.current(),
            },
            request.url.split('?')[0] ?? '/staff',
            status,
            text,
          )
        : null,
  });

  // The public site: every route in this group is open to anyone (config.access 'public').
  await app.register(async (publicSite) => {
    publicSite.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? 'public' };
    });
    await publicSite.register(healthRoutes, {
      checks: { database: () => database.isReachable(), search: () => search.isReady() },
    });
    await publicSite.register(cspReportRoutes);
    await publicSite.register(webShellRoutes, { site, assets });
    await publicSite.register(homeRoutes, { site, pageCache });
    await publicSite.register(sitePagesRoutes, { site, pageCache });
    await publicSite.register(searchRoutes, { site, search });
    await publicSite.register(contentRoutes, { site, pageCache, content, staticPaths: STATIC_PATHS });
    await publicSite.register(intakeRoutes, {
      site,
      intake,
      formTokens,
      today: () => content.today(),
      now,
      submissionsPerTenMinutes: config.requestFormLimit,
      screeningCookie: SCREENING_COOKIE,
    });
    await publicSite.register(screeningRoutes, {
      site,
      screening,
      binding: linkBinding,
      formTokens,
      instruments,
      checklists,
      profile: (requestId) => intake.screeningProfile(requestId),
      now,
    });
  });

  // The staff area: every route states its own rule.
  await app.register(staff.routes);
  const review = createScreeningReview({
    db: database.db,
    cipher: deps.cipher,
    audit,
    screening,
    now,
    requests: requestReviews,
    staffNames: () => staff.accounts.names(),
  });
  const titles = Object.fromEntries(
    [...instruments.values(), ...checklists.values()].map((definition) => [definition.id, definition.title]),
  );
  await app.register(inboxRoutes, {
    site,
    inbox,
    idleMinutes: config.staffSessions.idleMinutes,
    notices: notices.current,
    // The screening part of a request's page: composed here so neither feature imports the other.
    timelineKinds: SAFETY_TIMELINE_KINDS,
    requestSections: screeningSectionFor(review, titles, (requestId) => intake.contactPhone(requestId)),
    colleagues: () => staff.accounts.colleagues(),
    now,
  });
  await app.register(settingsRoutes, {
    site,
    settings: createSystemSettings({
      db: database.db,
      config,
      audit,
      outbox,
      activeKeyId: deps.cipher.activeKeyId,
      mailQueued: deps.mailQueued,
    }),
    idleMinutes: config.staffSessions.idleMinutes,
    notices: notices.current,
    refreshNotices: () => notices.refresh(),
  });
  await app.register(screeningStaffRoutes, {
    site,
    review,
    contactEmail: (requestId) => intake.contactEmail(requestId),
    contactPhone: (requestId) => intake.contactPhone(requestId),
    emailLink: (requestId, to, link, actor) => screening.emailLink(requestId, to, link, actor),
    instruments,
    checklists,
    probableCutoffs: { 'pcl-5': config.pcl5Cutoff },
    idleMinutes: config.staffSessions.idleMinutes,
    notices: notices.current,
  });
  return app;
}
