import { parseArgs } from 'node:util';
import { purgeClosedRequests } from '../intake/index.js';
import { createAuditLog } from '../platform/audit/index.js';
import type { Config } from '../platform/config/config.js';
import { createDatabase } from '../platform/database/database.js';
import { migrateToLatest } from '../platform/database/migrate.js';
import type { Logger } from '../platform/logging/logger.js';
import { purgeSentMessages } from '../platform/mail/index.js';

/**
 * `haven requests purge --older-than 365d`: the retention policy, run by the operator (for example from a
 * daily timer). Only requests that were closed are deleted, each one audited as the CLI.
 */

type Failure = (message: string, code: number) => never;

/** "365d", "52w", "12m" (30-day months) or "2y" (365-day years) as days. */
export function parseAge(raw: string): number | null {
  const match = /^(\d{1,5})([dwmy])$/.exec(raw.trim());
  if (!match) return null;
  const days = Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[match[2] as 'd' | 'w' | 'm' | 'y'];
  return days >= 1 ? days : null;
}

export async function requestsPurge(
  args: string[],
  usage: string,
  deps: { config: Config; logger: Logger; fail: Failure },
): Promise<void> {
  let olderThan: string | undefined;
  try {
    olderThan = parseArgs({ args, options: { 'older-than': { type: 'string' } } }).values['older-than'];
  } catch (error) {
    deps.fail(`${(error as Error).message}\nUsage: ${usage}`, 2);
  }
  const days = olderThan === undefined ? null : parseAge(olderThan);
  if (days === null) {
    deps.fail(`--older-than must be an age such as 365d, 52w, 12m or 2y.\nUsage: ${usage}`, 2);
  }
  const database = createDatabase(deps.config.database);
  try {
    await migrateToLatest(database.db);
    const audit = createAuditLog({ db: database.db, now: () => new Date(), logger: deps.logger });
    const before = new Date(Date.now() - (days as number) * 86_400_000);
    const purged = await purgeClosedRequests({ db: database.db, audit }, before);
    const mails = await purgeSentMessages(database.db, before);
    process.stdout.write(
      `Deleted ${purged} closed request${purged === 1 ? '' : 's'} received before ${before.toISOString().slice(0, 10)}, with their notes. Each deletion is in the audit log.\n` +
        `Deleted ${mails} delivered email${mails === 1 ? '' : 's'} sent before then (undelivered ones are kept).\n`,
    );
  } finally {
    await database.close();
  }
}
