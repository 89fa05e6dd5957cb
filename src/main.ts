#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { COMMANDS, type CommandName, commandHelp, mainHelp } from './cli/commands.js';
import { type CliContext, EXIT_USAGE } from './cli/context.js';
import type { Config } from './platform/config/config.js';
import type { MasterKey } from './platform/crypto/index.js';

/**
 * Haven's one way in, and the only module that reads process.env. A .env file in the working directory
 * fills in variables the environment does not set. Each command's code is loaded only when that command runs,
 * so `--help`, `migrate` or `user list` do not pay for loading the web server.
 */

function environment(): Record<string, string | undefined> {
  const file = '.env';
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function cliContext(): Promise<CliContext> {
  const [{ loadConfig }, { resolveMasterKeys }] = await Promise.all([
    import('./platform/config/config.js'),
    import('./platform/crypto/resolve-master-keys.js'),
  ]);
  let config: Config | undefined;
  let keys: readonly MasterKey[] | undefined;
  const context: CliContext = {
    config() {
      if (config) return config;
      const result = loadConfig(environment());
      if (!result.ok) fail(result.error, EXIT_USAGE);
      config = result.config;
      return config;
    },
    masterKeys() {
      if (keys) return keys;
      const result = resolveMasterKeys(context.config(), {
        warn: (message) => process.stderr.write(`${message}\n`),
      });
      if (!result.ok) fail(result.error, EXIT_USAGE);
      keys = result.keys;
      return keys;
    },
    env: process.env,
    fail,
  };
  return context;
}

function parseCommand(argv: string[]): { name: CommandName | 'help'; args: string[]; wantsHelp: boolean } {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((arg) => arg !== '--help' && arg !== '-h');
  if (words.length === 0 || words[0] === 'help') return { name: 'help', args: [], wantsHelp: true };
  const two = `${words[0]} ${words[1] ?? ''}`;
  if (Object.hasOwn(COMMANDS, two)) return { name: two as CommandName, args: words.slice(2), wantsHelp };
  if (Object.hasOwn(COMMANDS, words[0]!)) {
    return { name: words[0] as CommandName, args: words.slice(1), wantsHelp };
  }
  fail(`Unknown command "${words.join(' ')}".\n\n${mainHelp()}`, EXIT_USAGE);
}

type Run = (args: string[], context: CliContext) => Promise<void>;

/** Each command, loaded on demand. The usage line comes from the one command table in cli/commands.ts. */
const RUN: Record<CommandName, () => Promise<Run>> = {
  serve: async () => {
    const { serve } = await import('./cli/serve-command.js');
    return (_args, c) => serve(c);
  },
  migrate: async () => {
    const { migrate } = await import('./cli/database-commands.js');
    return (_args, c) => migrate(c);
  },
  'content import': async () => (await import('./cli/database-commands.js')).importContent,
  'keys rotate': async () => (await import('./cli/database-commands.js')).rotateMasterKeys,
  'audit verify': async () => (await import('./cli/database-commands.js')).verifyAudit,
  backup: async () => {
    const { runBackup } = await import('./cli/backup-commands.js');
    return (args, c) => runBackup(args, COMMANDS.backup.usage, { config: c.config(), env: c.env, fail });
  },
  restore: async () => {
    const { runRestore } = await import('./cli/backup-commands.js');
    return (args, c) => runRestore(args, COMMANDS.restore.usage, { config: c.config(), env: c.env, fail });
  },
  'requests purge': async () => {
    const [{ requestsPurge }, { createLogger }] = await Promise.all([
      import('./cli/request-commands.js'),
      import('./platform/logging/logger.js'),
    ]);
    return (args, c) =>
      requestsPurge(args, COMMANDS['requests purge'].usage, {
        config: c.config(),
        logger: createLogger({ level: 'warn' }),
        fail,
      });
  },
  'mail status': async () => {
    const { mailStatusCommand } = await import('./cli/mail-commands.js');
    return (args, c) => mailStatusCommand(args, COMMANDS['mail status'].usage, { config: c.config(), fail });
  },
  'mail retry': async () => {
    const { mailRetryCommand } = await import('./cli/mail-commands.js');
    return (args, c) => mailRetryCommand(args, COMMANDS['mail retry'].usage, { config: c.config(), fail });
  },
  'user create': () => userCommand('user create'),
  'user list': () => userCommand('user list'),
  'user disable': () => userCommand('user disable'),
  'user reset-mfa': () => userCommand('user reset-mfa'),
};

async function userCommand(
  name: 'user create' | 'user list' | 'user disable' | 'user reset-mfa',
): Promise<Run> {
  const [users, { createLogger }] = await Promise.all([
    import('./cli/user-commands.js'),
    import('./platform/logging/logger.js'),
  ]);
  const run = {
    'user create': users.userCreate,
    'user list': users.userList,
    'user disable': users.userDisable,
    'user reset-mfa': users.userResetMfa,
  }[name];
  return (args, c) =>
    run(args, COMMANDS[name].usage, { config: c.config(), logger: createLogger({ level: 'warn' }), fail });
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
  const [run, context] = await Promise.all([RUN[command.name](), cliContext()]);
  return run(command.args, context);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(`Haven stopped: ${message}`, 1);
});
