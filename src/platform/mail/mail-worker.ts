import type { Kysely } from 'kysely';
import type { Cipher } from '../crypto/index.js';
import type { Database } from '../database/schema.js';
import { createJobRunner, type Job, type JobRunner } from '../jobs/index.js';
import type { Logger } from '../logging/logger.js';
import { retryDelayMs } from './backoff.js';
import { OutboxPayload, payloadContext } from './outbox.js';
import { type ClaimedMessage, createOutboxStore } from './outbox-store.js';
import type { MailTransport } from './transport.js';

/**
 * Delivers the outbox (decision 014). At least once: a message is marked sent only after the SMTP server
 * accepted it, so a crash between the two sends it again, with the same Message-ID; a message marked sent
 * is never sent again. Every state lives in the database, so a restart carries on where the last run
 * stopped, and leases keep several Haven processes from sending one message at the same moment.
 *
 * Logs name a message by id, kind and attempt, and an error by its class (`ECONNECTION`, `EAUTH 535`),
 * never by its text, which can quote a recipient.
 */

export interface MailHealth {
  /** False when HAVEN_SMTP_URL is unset: nothing is sent, and messages wait. */
  configured: boolean;
  /** Mail keeps failing: the latest attempt failed, and a message has failed for good or several times. */
  failing: boolean;
  pending: number;
  failed: number;
  /** The latest attempt's error class, null when it succeeded. */
  lastError: string | null;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** The mail job's name, for the "send now after commit" nudge: `jobs.runNow(MAIL_DELIVERY_JOB)`. */
export const MAIL_DELIVERY_JOB = 'mail delivery';

export interface MailWorker {
  /** The polling job for the process's runner (server.ts); none, said once, when mail is not configured. */
  jobs(): Job[];
  /** Runs the job on a runner of the worker's own, for a worker used alone (tests, tools). */
  start(): void;
  /** Stops polling and waits for a send in flight to finish and be recorded. */
  stop(): Promise<void>;
  /** Delivers every message that is due now, then resolves. For tests and for `wake()`. */
  drainOnce(): Promise<DrainResult>;
  /** With start(): looks for due messages now rather than at the next poll (server.ts nudges its runner). */
  wake(): void;
  health(): Promise<MailHealth>;
}

export interface MailWorkerDeps {
  db: Kysely<Database>;
  cipher: Cipher;
  /** Null when mail is not configured. */
  transport: MailTransport | null;
  logger: Logger;
  now: () => Date;
  /** How often to look for due messages; 5 seconds unless told. */
  pollMs?: number;
  /** After this many failed attempts a message is `failed`; 10 unless told (about 2¾ hours of retries). */
  maxAttempts?: number;
  /** How long a claimed message is reserved for its sender; must outlast the transport's timeouts. */
  leaseMs?: number;
  /** For the jitter in backoff; tests pass a constant. */
  random?: () => number;
}

/** An attempt is reported as "keeps failing" once a pending message has failed this many times. */
const FAILING_AFTER_ATTEMPTS = 3;
const BATCH = 20;

/** A short, address-free name for what went wrong: nodemailer's code and the SMTP reply code. */
export function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const name = typeof code === 'string' && code !== '' ? code : error.name;
  const reply = typeof responseCode === 'number' ? ` ${responseCode}` : '';
  return `${name}${reply}`.replace(/[^A-Za-z0-9_ .-]/g, '').slice(0, 60) || 'unknown';
}

export function createMailWorker(deps: MailWorkerDeps): MailWorker {
  const { cipher, transport, logger, now } = deps;
  const pollMs = deps.pollMs ?? 5_000;
  const maxAttempts = deps.maxAttempts ?? 10;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const random = deps.random ?? Math.random;
  const store = createOutboxStore(deps.db);
  let draining: Promise<DrainResult> | undefined;

  async function deliver(message: ClaimedMessage): Promise<keyof DrainResult> {
    const fields = { outboxId: message.id, kind: message.kind, attempt: message.attempt };
    try {
      const payload = OutboxPayload.parse(
        JSON.parse(cipher.open(message.payload, payloadContext(message.id))),
      );
      await transport!.send({ messageId: message.messageId, ...payload });
    } catch (error) {
      const reason = errorClass(error);
      if (message.attempt >= maxAttempts) {
        await store.markFailed(message.id, reason);
        logger.error({ ...fields, error: reason }, 'mail failed for good after its last attempt');
        return 'failed';
      }
      const retryAt = new Date(now().getTime() + retryDelayMs(message.attempt, random)).toISOString();
      await store.markRetry(message.id, reason, retryAt);
      logger.warn({ ...fields, error: reason, retryAt }, 'mail not sent; will retry');
      return 'retrying';
    }
    await store.markSent(message.id, now().toISOString());
    logger.info(fields, 'mail sent');
    return 'sent';
  }

  async function drain(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    if (!transport) return result;
    for (;;) {
      const at = now();
      const ids = await store.dueIds(at.toISOString(), BATCH);
      let claimed = 0;
      for (const id of ids) {
        const claimedAt = now();
        const leaseUntil = new Date(claimedAt.getTime() + leaseMs).toISOString();
        const message = await store.claim(id, claimedAt.toISOString(), leaseUntil);
        if (!message) continue; // another worker has it
        claimed += 1;
        result[await deliver(message)] += 1;
      }
      // A short batch was the last; a batch another worker took entirely leaves the rest to it.
      if (ids.length < BATCH || claimed === 0) return result;
    }
  }

  function drainOnce(): Promise<DrainResult> {
    draining ??= drain().finally(() => {
      draining = undefined;
    });
    return draining;
  }

  const job: Job = {
    name: MAIL_DELIVERY_JOB,
    // Every process polls: leases share the outbox out message by message (outbox-store.ts).
    scope: 'process',
    every: pollMs,
    run: async () => {
      try {
        await drainOnce();
      } catch (error) {
        logger.error({ error: errorClass(error) }, 'mail worker could not read the outbox; will try again');
      }
    },
  };
  /** For a worker run on its own (tests, tools): a runner of its own with this one job. */
  let ownRunner: JobRunner | undefined;

  return {
    jobs() {
      if (!transport) {
        logger.warn('mail is not configured (HAVEN_SMTP_URL is unset): messages wait in the outbox');
        return [];
      }
      return [job];
    },

    start() {
      if (ownRunner) return;
      ownRunner = createJobRunner({ db: deps.db, logger, now });
      ownRunner.add(this.jobs());
      ownRunner.start();
    },

    async stop() {
      await ownRunner?.stop();
      await draining?.catch(() => {});
    },

    wake() {
      if (ownRunner && transport) void ownRunner.runNow(MAIL_DELIVERY_JOB);
    },

    drainOnce,

    async health() {
      const counts = await store.counts();
      const configured = transport !== null;
      return {
        configured,
        failing:
          configured &&
          counts.latestError !== null &&
          (counts.failed > 0 || counts.mostPendingAttempts >= FAILING_AFTER_ATTEMPTS),
        pending: counts.pending,
        failed: counts.failed,
        lastError: counts.latestError,
      };
    },
  };
}
