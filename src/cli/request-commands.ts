import { parseArgs } from 'node:util';
import { migrateToLatest } from '../database.js';
import { applyRetention } from '../intake/index.js';
import { createAuditLog } from '../platform/audit/index.js';
import type { Config } from '../platform/config/config.js';
import { parseAge } from '../platform/config/settings.js';
import { createDatabase } from '../platform/database/database.js';
import type { Logger } from '../platform/logging/logger.js';

/**
 * `haven requests purge [--older-than 365d]`: the retention policy, run by the operator (for example from a
 * daily timer) or, with HAVEN_REQUEST_RETENTION set, by Haven itself; without --older-than the setting is
 * the age. Only requests that were closed are deleted, each one audited as the CLI.
 */

type Failure = (message: string, code: number) => never;

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
  const days = olderThan === undefined ? deps.config.requestRetentionDays : parseAge(olderThan);
  if (days === null) {
    deps.fail(
      olderThan === undefined
        ? `Give --older-than (an age such as 365d, 52w, 12m or 2y), or set HAVEN_REQUEST_RETENTION.\nUsage: ${usage}`
        : `--older-than must be an age such as 365d, 52w, 12m or 2y.\nUsage: ${usage}`,
      2,
    );
  }
  const database = createDatabase(deps.config.database);
  try {
    await migrateToLatest(database.db);
    const now = () => new Date();
    const audit = createAuditLog({ db: database.db, now, logger: deps.logger });
    const result = await applyRetention({ db: database.db, audit, actorKind: 'cli' }, days, now());
    const day = result.before.toISOString().slice(0, 10);
    process.stdout.write(
      `Deleted ${result.requests} closed request${result.requests === 1 ? '' : 's'} received before ${day}, with their notes and screening answers. Each deletion is in the audit log.\n` +
        `Deleted ${result.emails} delivered email${result.emails === 1 ? '' : 's'} sent before then (undelivered ones are kept).\n`,
    );
  } finally {
    await database.close();
  }
}
