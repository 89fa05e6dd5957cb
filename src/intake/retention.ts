import type { Kysely } from 'kysely';
import type { AuditLog } from '../platform/audit/index.js';
import type { Database } from '../platform/database/schema.js';
import type { Job } from '../platform/jobs/index.js';
import type { Logger } from '../platform/logging/logger.js';
import { purgeSentMessages } from '../platform/mail/index.js';
import { purgeClosedRequests } from './service.js';

/**
 * The retention policy for appointment requests (decision 016): closed requests received before a cut-off
 * go, with their notes, timeline and screening answers, and so do delivered emails sent before it (their
 * sealed payload still holds an address). Open requests and undelivered emails stay whatever their age.
 */

const DAY_MS = 86_400_000;

export interface RetentionResult {
  before: Date;
  requests: number;
  emails: number;
}

export async function applyRetention(
  deps: { db: Kysely<Database>; audit: AuditLog; actorKind: 'cli' | 'system' },
  olderThanDays: number,
  now: Date,
): Promise<RetentionResult> {
  const before = new Date(now.getTime() - olderThanDays * DAY_MS);
  const requests = await purgeClosedRequests(deps, before);
  const emails = await purgeSentMessages(deps.db, before);
  return { before, requests, emails };
}

/**
 * Applies HAVEN_REQUEST_RETENTION from the server: a cluster job every six hours by the clock (so a server
 * restarted daily still purges), run by one process per due time (decision 024). Were two to run it, the
 * deletion is one statement, and a row another process deleted first is not deleted, nor audited, again.
 */
export function requestRetentionJob(deps: {
  db: Kysely<Database>;
  audit: AuditLog;
  logger: Logger;
  olderThanDays: number;
  now: () => Date;
  every?: number;
}): Job {
  return {
    name: 'request retention',
    scope: 'cluster',
    every: deps.every ?? 6 * 60 * 60_000,
    run: async () => {
      const result = await applyRetention({ ...deps, actorKind: 'system' }, deps.olderThanDays, deps.now());
      if (result.requests > 0 || result.emails > 0) {
        deps.logger.info(
          { requests: result.requests, emails: result.emails, before: result.before.toISOString() },
          'retention: deleted closed requests and delivered emails past HAVEN_REQUEST_RETENTION',
        );
      }
    },
  };
}
