import { migrateToLatest } from '../database.js';
import type { Config } from '../platform/config/config.js';
import { createDatabase } from '../platform/database/database.js';
import { mailStatus, retryFailedMail } from '../platform/mail/index.js';

/**
 * `haven mail status` and `haven mail retry`: the operator's view of the outbox (decision 014), and the
 * way to send again what failed for good once the mail server is fixed.
 */

type Failure = (message: string, code: number) => never;
type Deps = { config: Config; fail: Failure };

function noArguments(args: string[], usage: string, fail: Failure): void {
  if (args.length > 0) fail(`Unexpected "${args.join(' ')}".\nUsage: ${usage}`, 2);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function mailStatusCommand(args: string[], usage: string, deps: Deps): Promise<void> {
  noArguments(args, usage, deps.fail);
  const database = createDatabase(deps.config.database);
  try {
    await migrateToLatest(database.db);
    const status = await mailStatus(database.db);
    const lines = [
      `Mail is ${deps.config.mail.smtp ? `sent through ${deps.config.mail.smtp.host}` : 'not configured (HAVEN_SMTP_URL is unset): nothing is sent'}.`,
      `${plural(status.pending, 'email')} waiting${status.oldestPendingAt ? ` (the oldest queued ${status.oldestPendingAt})` : ''}, ${status.failed} failed for good, ${status.sent} sent.`,
    ];
    if (status.latestError) lines.push(`Latest error: ${status.latestError}.`);
    if (status.failed > 0) {
      lines.push('Fix the mail server settings, then run `npm run haven -- mail retry` to send them again.');
      process.exitCode = 1;
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await database.close();
  }
}

export async function mailRetryCommand(args: string[], usage: string, deps: Deps): Promise<void> {
  noArguments(args, usage, deps.fail);
  const database = createDatabase(deps.config.database);
  try {
    await migrateToLatest(database.db);
    const queued = await retryFailedMail(database.db, new Date());
    process.stdout.write(
      queued === 0
        ? 'No email had failed for good; nothing to send again.\n'
        : `Queued ${plural(queued, 'email')} again. A running Haven sends ${queued === 1 ? 'it' : 'them'} within seconds; \`mail status\` shows how it went.\n`,
    );
    if (queued > 0 && !deps.config.mail.smtp) {
      process.stdout.write(
        'Mail is not configured here (HAVEN_SMTP_URL is unset): set it, or nothing will go out.\n',
      );
    }
  } finally {
    await database.close();
  }
}
