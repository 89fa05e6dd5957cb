#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { runBackup, runRestore } from './cli/backup-commands.js';
import { COMMANDS, type CommandName, commandHelp, mainHelp } from './cli/commands.js';
import { mailRetryCommand, mailStatusCommand } from './cli/mail-commands.js';
import { requestsPurge } from './cli/request-commands.js';
import { userCreate, userDisable, userList, userResetMfa } from './cli/user-commands.js';
import { createContentService } from './content/index.js';
import { type ChainBreak, verifyAuditChain } from './platform/audit/index.js';
import { type Config, loadConfig } from './platform/config/config.js';
import {
  createCipher,
  createKeyring,
  ENCRYPTED_COLUMNS,
  type MasterKey,
  resolveMasterKeys,
  rotateKeys,
} from './platform/crypto/index.js';
import { createDatabase } from './platform/database/database.js';
import { migrateToLatest } from './platform/database/migrate.js';
import { createLogger, type Logger } from './platform/logging/logger.js';
import { startServer, stopOnSignals } from './server.js';

/**
 * Haven's one way in, and the only module that reads process.env. A .env file in the working directory
 * fills in variables the environment does not set.
 */

const EXIT_USAGE = 2;

function environment(): Record<string, string | undefined> {
  const file = '.env';
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function configOrExit(): Config {
  const result = loadConfig(environment());
  if (!result.ok) fail(result.error, EXIT_USAGE);
  return result.config;
}

/** The master keys, for `serve` and the commands that read or write encrypted values. */
function masterKeysOrExit(config: Config): readonly MasterKey[] {
  const result = resolveMasterKeys(config, { warn: (message) => process.stderr.write(`${message}\n`) });
  if (!result.ok) fail(result.error, EXIT_USAGE);
  return result.keys;
}

function exitAfterFlush(logger: Logger, code: number): void {
  logger.flush(() => process.exit(code));
}

function parseCommand(argv: string[]): { name: CommandName | 'help'; args: string[]; wantsHelp: boolean } {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((arg) => arg !== '--help' && arg !== '-h');
  if (words.length === 0 || words[0] === 'help') return { name: 'help', args: [], wantsHelp: true };
  const two = `${words[0]} ${words[1] ?? ''}`;
  if (Object.hasOwn(COMMANDS, two)) return { name: two as CommandName, args: words.slice(2), wantsHelp };
  if (Object.hasOwn(COMMANDS, words[0]!))
    return { name: words[0] as CommandName, args: words.slice(1), wantsHelp };
  fail(`Unknown command "${words.join(' ')}".\n\n${mainHelp()}`, EXIT_USAGE);
}

async function serve(): Promise<void> {
  const config = configOrExit();
  const masterKeys = masterKeysOrExit(config);
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger, masterKeys);
  logger.info(
    { address: server.address, database: config.database.url, clinic: config.clinic.name },
    'Haven is listening',
  );
  process.stderr.write(
    `Haven is serving ${config.clinic.name} at ${server.address} (public address ${config.publicUrl.href})\n`,
  );
  stopOnSignals(server, logger, (code) => exitAfterFlush(logger, code));
}

async function migrate(): Promise<void> {
  const config = configOrExit();
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

async function importContent(args: string[]): Promise<void> {
  const [dir, ...extra] = args;
  if (!dir || extra.length > 0) fail(`Usage: ${COMMANDS['content import'].usage}`, EXIT_USAGE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`"${dir}" is not a folder.`, EXIT_USAGE);
  const config = configOrExit();
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

async function rotateMasterKeys(args: string[]): Promise<void> {
  if (args.length > 0) fail(`Usage: ${COMMANDS['keys rotate'].usage}`, EXIT_USAGE);
  const config = configOrExit();
  const cipher = createCipher({ keyring: createKeyring(masterKeysOrExit(config)) });
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

async function verifyAudit(args: string[]): Promise<void> {
  if (args.length > 0) fail(`Usage: ${COMMANDS['audit verify'].usage}`, EXIT_USAGE);
  const config = configOrExit();
  const database = createDatabase(config.database);
  try {
    const tables = await database.db.introspection.getTables();
    if (!tables.some((table) => table.name === 'audit_events')) {
      fail('This database has no audit log yet: run `npm run haven -- migrate` (or start Haven) first.', 1);
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

async function main(argv: string[]): Promise<void> {
  const command = parseCommand(argv);
  if (command.name === 'help') {
    process.stdout.write(`${mainHelp()}\n`);
    return;
  }
  if (command.wantsHelp) {
    process.stdout.write(`${commandHelp(command.name)}\n`);
    return;
  }
  switch (command.name) {
    case 'serve':
      return serve();
    case 'migrate':
      return migrate();
    case 'content import':
      return importContent(command.args);
    case 'keys rotate':
      return rotateMasterKeys(command.args);
    case 'audit verify':
      return verifyAudit(command.args);
    case 'backup':
    case 'restore': {
      const run = command.name === 'backup' ? runBackup : runRestore;
      return run(command.args, COMMANDS[command.name].usage, {
        config: configOrExit(),
        env: process.env,
        fail,
      });
    }
    case 'requests purge':
      return requestsPurge(command.args, COMMANDS['requests purge'].usage, {
        config: configOrExit(),
        logger: createLogger({ level: 'warn' }),
        fail,
      });
    case 'mail status':
    case 'mail retry': {
      const run = command.name === 'mail status' ? mailStatusCommand : mailRetryCommand;
      return run(command.args, COMMANDS[command.name].usage, { config: configOrExit(), fail });
    }
    case 'user create':
    case 'user list':
    case 'user disable':
    case 'user reset-mfa': {
      const config = configOrExit();
      const deps = { config, logger: createLogger({ level: 'warn' }), fail };
      const run = {
        'user create': userCreate,
        'user list': userList,
        'user disable': userDisable,
        'user reset-mfa': userResetMfa,
      }[command.name];
      return run(command.args, COMMANDS[command.name].usage, deps);
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(`Haven stopped: ${message}`, 1);
});
