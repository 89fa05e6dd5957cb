import { parseArgs } from 'node:util';
import { migrateToLatest } from '../database.js';
import { createAuditLog } from '../platform/audit/index.js';
import type { Config } from '../platform/config/config.js';
import { createDatabase } from '../platform/database/database.js';
import type { Logger } from '../platform/logging/logger.js';
import { createAccounts, NewStaffUser } from '../staff/accounts.js';
import { ROLE_LABELS, ROLES } from '../staff/permissions.js';

/**
 * `haven user …`: staff accounts from the server's own shell, the documented emergency-access path
 * (decision 013). Whoever can run these already controls the server; each action is still audited, as
 * the CLI. One-time links go to standard output for the operator to hand over; nothing goes to the log.
 */

export type Failure = (message: string, code: number) => never;

interface UserCommandDeps {
  config: Config;
  logger: Logger;
  fail: Failure;
}

async function withAccounts<T>(
  deps: UserCommandDeps,
  run: (accounts: ReturnType<typeof createAccounts>) => Promise<T>,
) {
  const database = createDatabase(deps.config.database);
  try {
    await migrateToLatest(database.db);
    const now = () => new Date();
    const audit = createAuditLog({ db: database.db, now, logger: deps.logger });
    return await run(createAccounts({ db: database.db, audit, now, publicUrl: deps.config.publicUrl }));
  } finally {
    await database.close();
  }
}

function emailOption(args: string[], usage: string, fail: Failure): string {
  const { values, positionals } = parseArgs({
    args,
    options: { email: { type: 'string' } },
    allowPositionals: true,
  });
  if (!values.email || positionals.length > 0) fail(`Usage: ${usage}`, 2);
  return values.email.trim().toLowerCase();
}

export async function userCreate(args: string[], usage: string, deps: UserCommandDeps): Promise<void> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        email: { type: 'string' };
        role: { type: 'string'; multiple: true };
        name: { type: 'string' };
      };
    }>
  >;
  try {
    parsed = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
      },
    });
  } catch (error) {
    return deps.fail(`${(error as Error).message}\nUsage: ${usage}`, 2);
  }
  const { email = '', role = [], name } = parsed.values;
  const roles = role
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const input = NewStaffUser.safeParse({ email, displayName: name ?? email.split('@')[0] ?? '', roles });
  if (!input.success) {
    const problems = input.error.issues.map((issue) =>
      issue.path[0] === 'roles'
        ? `--role must be one or more of ${ROLES.join(', ')} (repeat --role or separate with commas).`
        : `--${issue.path[0] === 'displayName' ? 'name' : String(issue.path[0])}: ${issue.message}`,
    );
    deps.fail(`${problems.join('\n')}\nUsage: ${usage}`, 2);
  }
  await withAccounts(deps, async (accounts) => {
    const result = await accounts.create({ kind: 'cli' }, input.data);
    if (!result.ok) deps.fail(result.reason, 1);
    process.stdout.write(
      `Created ${result.value.user.email} (${result.value.user.roles.map((r) => ROLE_LABELS[r]).join(', ')}).\n` +
        `Give them this one-time link, valid for 24 hours, to choose a password and set up their authenticator app:\n\n  ${result.value.link}\n`,
    );
  });
}

export async function userList(args: string[], usage: string, deps: UserCommandDeps): Promise<void> {
  if (args.length > 0) deps.fail(`Usage: ${usage}`, 2);
  await withAccounts(deps, async (accounts) => {
    const users = await accounts.list({ kind: 'cli' });
    if (users.length === 0) {
      process.stdout.write(
        'No staff accounts yet. Create one with `npm run haven -- user create --email E --role admin`.\n',
      );
      return;
    }
    for (const user of users) {
      const state = user.disabled ? 'disabled' : user.mfaEnrolled ? 'active' : 'setup not finished';
      process.stdout.write(`${user.email}\t${user.roles.join(',')}\t${state}\t${user.displayName}\n`);
    }
  });
}

export async function userDisable(args: string[], usage: string, deps: UserCommandDeps): Promise<void> {
  const email = emailOption(args, usage, deps.fail);
  await withAccounts(deps, async (accounts) => {
    const user = await accounts.findByEmail({ kind: 'cli' }, email);
    if (!user) deps.fail(`There is no staff account for ${email}.`, 1);
    const result = await accounts.disable({ kind: 'cli' }, user.id);
    if (!result.ok) deps.fail(result.reason, 1);
    process.stdout.write(`Disabled ${email} and ended every session of theirs.\n`);
  });
}

export async function userResetMfa(args: string[], usage: string, deps: UserCommandDeps): Promise<void> {
  const email = emailOption(args, usage, deps.fail);
  await withAccounts(deps, async (accounts) => {
    const user = await accounts.findByEmail({ kind: 'cli' }, email);
    if (!user) deps.fail(`There is no staff account for ${email}.`, 1);
    const result = await accounts.resetMfa({ kind: 'cli' }, user.id);
    if (!result.ok) deps.fail(result.reason, 1);
    process.stdout.write(
      `Removed the authenticator and recovery codes of ${email} and ended their sessions.\n` +
        `Give them this one-time link, valid for 24 hours, to set a password and a new authenticator:\n\n  ${result.value}\n`,
    );
  });
}
