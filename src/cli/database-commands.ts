import { existsSync, statSync } from 'node:fs';
import { createContentService } from '../content/index.js';
import { ENCRYPTED_COLUMNS, migrateToLatest } from '../database.js';
import { type ChainBreak, verifyAuditChain } from '../platform/audit/index.js';
import { createCipher, createKeyring, rotateKeys } from '../platform/crypto/index.js';
import { createDatabase } from '../platform/database/database.js';
import { COMMANDS } from './commands.js';
import { type CliContext, EXIT_USAGE } from './context.js';

/** `haven migrate`, `content import`, `keys rotate` and `audit verify`: work on the database, then exit. */

export async function migrate(context: CliContext): Promise<void> {
  const config = context.config();
  const database = createDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    process.stdout.write(
      applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n',
    );
  } finally {
    await database.close();
  }
}

export async function importContent(args: string[], context: CliContext): Promise<void> {
  const [dir, ...extra] = args;
  if (!dir || extra.length > 0) context.fail(`Usage: ${COMMANDS['content import'].usage}`, EXIT_USAGE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) context.fail(`"${dir}" is not a folder.`, EXIT_USAGE);
  const config = context.config();
  const database = createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const content = createContentService({
      db: database.db,
      contentVersion: () => '0',
      now: () => new Date(),
      timeZone: config.clinic.timeZone,
    });
    const report = await content.importDirectory(dir);
    for (const problem of report.errors) process.stderr.write(`${problem}\n`);
    process.stdout.write(
      `Read ${report.files} files: ${report.created.length} new, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.errors.length} problems.\n`,
    );
    if (report.errors.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

export async function rotateMasterKeys(args: string[], context: CliContext): Promise<void> {
  if (args.length > 0) context.fail(`Usage: ${COMMANDS['keys rotate'].usage}`, EXIT_USAGE);
  const config = context.config();
  const cipher = createCipher({ keyring: createKeyring(context.masterKeys()) });
  const database = createDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const report = await rotateKeys({
      db: database.db,
      cipher,
      columns: ENCRYPTED_COLUMNS,
      onProgress: (p) =>
        process.stderr.write(`${p.table}.${p.column}: ${p.scanned} read, ${p.rewrapped} re-wrapped\n`),
    });
    for (const table of report.missingTables)
      process.stdout.write(`${table}: no such table yet, nothing to do.\n`);
    for (const c of report.columns) {
      process.stdout.write(
        `${c.table}.${c.column}: ${c.scanned} values, ${c.rewrapped} re-wrapped, ${c.current} already under "${report.activeKeyId}", ${c.unreadable.length} unreadable, ${c.unfinished.length} changed during the run.\n`,
      );
      for (const { id, reason } of c.unreadable) process.stderr.write(`${c.table} ${id}: ${reason}\n`);
    }
    if (report.complete) {
      process.stdout.write(
        `Every encrypted value is under master key "${report.activeKeyId}"; older keys may be removed.\n`,
      );
    } else {
      process.stdout.write(
        'Some values are not under the active key yet (see above): keep the old keys, and run this again.\n',
      );
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

const CHAIN_BREAKS: Record<ChainBreak, string> = {
  'hash mismatch': 'its contents no longer match its hash, so it was edited',
  'prev_hash mismatch': 'it does not follow the entry before it, so entries were removed, added or reordered',
  'gap in sequence': 'the entry (or entries) just before it are missing',
};

export async function verifyAudit(args: string[], context: CliContext): Promise<void> {
  if (args.length > 0) context.fail(`Usage: ${COMMANDS['audit verify'].usage}`, EXIT_USAGE);
  const config = context.config();
  const database = createDatabase(config.database);
  try {
    const tables = await database.db.introspection.getTables();
    if (!tables.some((table) => table.name === 'audit_events')) {
      context.fail(
        'This database has no audit log yet: run `npm run haven -- migrate` (or start Haven) first.',
        1,
      );
    }
    const result = await verifyAuditChain(database.db);
    if (!result.ok) {
      const { seq, reason } = result.firstBroken;
      process.stdout.write(`The audit log is broken at entry ${seq} (${reason}): ${CHAIN_BREAKS[reason]}.\n`);
      process.exitCode = 1;
    } else if (result.head === null) {
      process.stdout.write('The audit log is empty.\n');
    } else {
      process.stdout.write(
        `The audit log is intact: ${result.count} entries, the newest is ${result.head.seq} with hash ${result.head.hash}.\n`,
      );
    }
  } finally {
    await database.close();
  }
}
