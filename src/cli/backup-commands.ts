import { parseArgs } from 'node:util';
import { KEY_TABLES, migrations } from '../database.js';
import {
  type BackupReport,
  createBackupService,
  describeSummary,
  formatSize,
  type RestoreReport,
} from '../platform/backup/index.js';
import type { Config } from '../platform/config/config.js';

const BACKUP_SCHEMA = { migrations, keyTables: KEY_TABLES };

/**
 * `haven backup <file>` and `haven restore <file>` (decision 015): the logic is in src/platform/backup; here
 * are the arguments, the words printed, and the exit codes (1 failed, 2 used wrongly).
 */

type Failure = (message: string, code: number) => never;

interface BackupCommandDeps {
  config: Config;
  /** For PostgreSQL's tools (PATH and libpq's variables); main.ts passes process.env. */
  env: Readonly<Record<string, string | undefined>>;
  fail: Failure;
}

function parse(args: string[], usage: string, fail: Failure, allowForce: boolean) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: allowForce ? { force: { type: 'boolean' } } : {},
      allowPositionals: true,
    });
    if (positionals.length !== 1) fail(`Usage: ${usage}`, 2);
    return { file: positionals[0]!, force: values.force === true };
  } catch (error) {
    return fail(`${(error as Error).message}\nUsage: ${usage}`, 2);
  }
}

function seconds(report: BackupReport): string {
  return `${(report.milliseconds / 1000).toFixed(1)} s`;
}

const KEY_REMINDER =
  'Health information in it is encrypted under your master keys, which are not in it: keep those keys, stored apart from\nthe backups, for as long as you keep this backup (docs/backups.md).';

export async function runBackup(args: string[], usage: string, deps: BackupCommandDeps): Promise<void> {
  const { file, force } = parse(args, usage, deps.fail, true);
  const backups = createBackupService({
    database: deps.config.database,
    env: deps.env,
    schema: BACKUP_SCHEMA,
  });
  const result = await backups.backup(file, { force });
  if (!result.ok) deps.fail(`Backup failed: ${result.reason}`, 1);
  const { report } = result;
  const how =
    report.engine === 'sqlite' ? 'SQLite online backup, integrity check ok' : 'pg_dump, custom format';
  process.stdout.write(
    `Backed up ${deps.config.database.url} to ${report.file} (${how}) in ${seconds(report)}.\n` +
      `${formatSize(report.bytes)}; ${describeSummary(report.summary)}.\n${KEY_REMINDER}\n`,
  );
}

export async function runRestore(args: string[], usage: string, deps: BackupCommandDeps): Promise<void> {
  const { file } = parse(args, usage, deps.fail, false);
  const backups = createBackupService({
    database: deps.config.database,
    env: deps.env,
    schema: BACKUP_SCHEMA,
  });
  const result = await backups.restore(file);
  if (!result.ok) deps.fail(`Restore failed: ${result.reason}`, 1);
  const report: RestoreReport = result.report;
  const lines = [
    `Restored ${file} (${formatSize(report.bytes)}) into ${deps.config.database.url} in ${seconds(report)}.`,
  ];
  if (report.clearedEmptyTables > 0) {
    lines.push(`First removed ${report.clearedEmptyTables} empty tables left by an earlier start of Haven.`);
  }
  lines.push(
    report.migrated.length
      ? `Migrated forward: ${report.migrated.join(', ')}.`
      : 'The backup was already at this version of Haven; no migrations were needed.',
    `${describeSummary(report.summary)}.`,
    'Start Haven with the master keys the backup was written under, then check it: npm run haven -- audit verify',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
