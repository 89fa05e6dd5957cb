import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { migrateToLatest } from './database.js';
import { requestRetentionJob } from './intake/index.js';
import { auditHeadAnchorJob, createAuditLog } from './platform/audit/index.js';
import type { Config } from './platform/config/config.js';
import { createCipher, createKeyring, type MasterKey, resolveMasterKeys } from './platform/crypto/index.js';
import { createDatabase, type DatabaseHandle } from './platform/database/database.js';
import type { Logger } from './platform/logging/logger.js';
import { createMailWorker, createSmtpTransport, MAIL_DELIVERY_JOB } from './platform/mail/index.js';
import { signInHousekeepingJob } from './staff/index.js';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  /** Where the server listens, such as http://127.0.0.1:3000 */
  address: string;
  /** Stops accepting, lets requests in flight finish, then closes the database. */
  shutdown(reason: string): Promise<void>;
}

/** What tests may change about a running server; `serve` passes nothing. */
export interface ServerOptions {
  /** The server's clock (the app, the mail worker, the timers' checks); the system clock unless told. */
  now?: () => Date;
  /** How often unacknowledged urgent reviews are checked for escalation; every minute unless told. */
  escalationCheckMs?: number;
}

/** Opens and migrates the database, builds the app and listens. The only place Haven listens. */
export async function startServer(
  config: Config,
  logger: Logger,
  masterKeys: readonly MasterKey[] = resolvedKeysOrThrow(config),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const now = options.now ?? (() => new Date());
  const cipher = createCipher({ keyring: createKeyring(masterKeys) });
  const database = createDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const transport = config.mail.smtp
      ? createSmtpTransport({ smtp: config.mail.smtp, from: config.mail.from })
      : null;
    const mailWorker = createMailWorker({
      db: database.db,
      cipher,
      transport,
      logger,
      now,
    });
    const app = await buildApp({
      config,
      database,
      logger,
      now,
      cipher,
      mailHealth: () => mailWorker.health(),
      // Sent now rather than at the next poll, once the transaction that queued it has committed.
      mailQueued: () => void app.jobs.runNow(MAIL_DELIVERY_JOB).catch(() => {}),
    });
    // The app's job runner stops (waiting for a send in flight) before the transport closes.
    app.addHook('onClose', async () => transport?.close());
    const firstAdminLink = await app.staffAccounts.firstAdminLink();
    if (firstAdminLink) {
      // Straight to standard error, never through the logger: log files are shipped and kept.
      process.stderr.write(
        `\nNo staff account exists yet. Create the first administrator within 30 minutes at this one-time link:\n\n  ${firstAdminLink}\n\nIt works once. Restarting Haven makes a new one; \`npm run haven -- user create\` is the other way in.\n\n`,
      );
    }
    const imported = await app.content.importBundledIfEmpty();
    if (imported) {
      logger.info(
        { created: imported.created.length, problems: imported.errors.length },
        'no content yet: imported the bundled demo content',
      );
      for (const problem of imported.errors) logger.warn({ problem }, 'bundled content problem');
    }
    // Built in the background: /readyz answers 503 until the first index exists.
    app.siteSearch.start();
    // The server's background jobs (decision 024; docs/architecture.md "Background jobs" lists them all).
    app.jobs.add([
      // A copy of the audit chain's head in the log, every five minutes when it has moved (decision 012).
      auditHeadAnchorJob({ db: database.db, logger, every: 5 * 60_000 }),
      // Urgent safety reviews nobody acknowledged in time escalate on their own (decision 017).
      {
        name: 'safety escalation',
        scope: 'cluster',
        every: options.escalationCheckMs ?? 60_000,
        run: () => app.screening.escalateOverdue(),
      },
      // Expired sign-in challenges (decoys included) and stale throttle counters go every ten minutes.
      signInHousekeepingJob({ sweep: () => app.staffHousekeeping.sweep() }),
      // Closed requests older than HAVEN_REQUEST_RETENTION go on their own (decision 016); unset keeps them.
      ...(config.requestRetentionDays === null
        ? []
        : [
            requestRetentionJob({
              db: database.db,
              audit: createAuditLog({ db: database.db, now, logger }),
              logger,
              olderThanDays: config.requestRetentionDays,
              now,
            }),
          ]),
    ]);
    const address = await app.listen({ port: config.port, host: config.host });
    // Mail goes out in the background, retried until delivered (decision 014).
    app.jobs.add(mailWorker.jobs());
    let closing: Promise<void> | undefined;
    const shutdown = (reason: string) => {
      closing ??= (async () => {
        logger.info({ reason }, 'shutting down: finishing requests in flight');
        await app.close();
        await database.close();
        logger.info('shut down cleanly');
      })();
      return closing;
    };
    return { app, database, address, shutdown };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** SIGTERM or SIGINT: a graceful stop; a second signal, or 10 seconds without finishing, forces it. */
export function stopOnSignals(server: RunningServer, logger: Logger, exit: (code: number) => void): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: stopping now');
      exit(1);
      return;
    }
    signalled = true;
    const force = setTimeout(() => {
      logger.error('requests still in flight after 10 seconds: stopping now');
      exit(1);
    }, 10_000);
    force.unref();
    server.shutdown(signal).then(
      () => exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** For callers (tests) that did not resolve the keys themselves; `serve` does, to exit 2 with the sentence. */
function resolvedKeysOrThrow(config: Config): readonly MasterKey[] {
  const keys = resolveMasterKeys(config, { warn: (message) => process.stderr.write(`${message}\n`) });
  if (!keys.ok) throw new Error(keys.error);
  return keys.keys;
}
