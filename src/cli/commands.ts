/** The CLI's commands and their help texts: one table, so `--help` and dispatch never disagree. */
export interface CommandHelp {
  usage: string;
  summary: string;
  details: string;
}

export const COMMANDS = {
  serve: {
    usage: 'haven serve',
    summary: 'Start the web server (migrates the database first).',
    details:
      'Listens on HOST:PORT (default localhost:3000) with the database in DATABASE_URL (default sqlite:./data/haven.db).\nStops gracefully on SIGTERM or SIGINT: no new connections, requests in flight finish, the database closes.',
  },
  migrate: {
    usage: 'haven migrate',
    summary: 'Apply database migrations that have not run yet, then exit.',
    details: 'Safe to run at any time and more than once; `serve` does the same at start.',
  },
  'content import': {
    usage: 'haven content import <dir>',
    summary: 'Import Markdown content (with YAML front matter) from a folder.',
    details:
      'Each file is upserted by its slug; a file with any error is not imported, and every problem is reported\nas file:line: field: what is wrong.',
  },
  'keys rotate': {
    usage: 'haven keys rotate',
    summary: 'Re-wrap every encrypted value under the active master key, while Haven keeps serving.',
    details:
      'The active key is the first in HAVEN_MASTER_KEYS. Put the new key first, keep the old ones after it,\nrestart Haven, then run this. When it reports that nothing is left under an old key, remove the old\nkeys. Safe to interrupt and run again; a value changed meanwhile is never overwritten. Exits 1 if\nsomething is left (a value no configured key can open, or one that kept changing).',
  },
  'audit verify': {
    usage: 'haven audit verify',
    summary: 'Check that no audit log entry was edited, removed or reordered.',
    details:
      'Recomputes the hash chain from the first entry to the newest, prints the newest entry\'s number and hash,\nand exits 1 naming the first broken entry. Compare the head with the last "audit log head" line in\nHaven\'s logs: an entry there with a different hash, or a newer one, means the end of the log was rewritten.',
  },
  backup: {
    usage: 'haven backup <file> [--force]',
    summary: 'Write a consistent snapshot of the database to a file, while Haven keeps serving.',
    details:
      "SQLite: the online backup API, checked with integrity_check. PostgreSQL: pg_dump --format=custom\n(needs pg_dump of the server's major version or newer). Written to a temporary name and renamed when\ncomplete; an existing file is kept unless --force. Health fields stay encrypted in the snapshot and the\nmaster keys are not in it: keep them for as long as you keep the backup, stored apart (docs/backups.md).",
  },
  restore: {
    usage: 'haven restore <file>',
    summary: 'Bring a backup back into an empty database, then migrate it forward.',
    details:
      'Refuses a database that holds any data, and a backup of the other engine. SQLite: the file in\nDATABASE_URL must not exist or be empty, and Haven must NOT be running on it. PostgreSQL: pg_restore\n--no-owner into an empty database (create one with createdb). Needs the master keys the backup was\nwritten under to read its health information afterwards.',
  },
  'requests purge': {
    usage: 'haven requests purge [--older-than 365d]',
    summary: 'Delete closed appointment requests older than an age (the retention policy).',
    details:
      'Ages: 365d, 52w, 12m or 2y. Only requests whose status is closed, not a fit or no response are deleted,\nwith their notes, timeline and screening answers; new and open ones are kept whatever their age. Each\ndeletion is written to the audit log (by id, as the CLI). Without --older-than, HAVEN_REQUEST_RETENTION is\nthe age. With that setting, Haven also applies the policy itself every six hours while it runs.',
  },
  'mail status': {
    usage: 'haven mail status',
    summary: 'Show how many emails wait, failed for good, or went out.',
    details:
      'Counts by state, when the oldest waiting email was queued, and the latest error class (such as\nECONNREFUSED or "EAUTH 535"). No address or content is printed. Exits 1 when any email failed for good.',
  },
  'mail retry': {
    usage: 'haven mail retry',
    summary: 'Queue again every email that used all its attempts (after fixing the mail server).',
    details:
      'Each gets a fresh set of attempts, due at once; a running Haven sends them within seconds, and the\n"email keeps failing" banner on staff pages ends once one goes through. Messages keep their Message-ID.',
  },
  'user create': {
    usage: 'haven user create --email E --role R [--role R2] [--name "Full Name"]',
    summary: 'Create a staff account and print its one-time setup link.',
    details:
      'Roles: front_desk, clinician, editor, admin (repeat --role, or separate with commas). The link is valid\nfor 24 hours and used once: there the person chooses a password and sets up an authenticator app.\nThis is also the emergency way in when no administrator can sign in. Audited as the CLI.',
  },
  'user list': {
    usage: 'haven user list',
    summary: 'List staff accounts with their roles and state.',
    details: 'One line each: email, roles, state (active, setup not finished, disabled), name.',
  },
  'user disable': {
    usage: 'haven user disable --email E',
    summary: 'Stop a staff member signing in and end their sessions.',
    details:
      'Their audit history stays. The last active administrator cannot be disabled. Audited as the CLI.',
  },
  'user reset-mfa': {
    usage: 'haven user reset-mfa --email E',
    summary: 'Remove a lost authenticator and print a new one-time setup link.',
    details:
      'Removes the authenticator and recovery codes, ends every session, and prints a link (24 hours, once)\nwhere the person sets a password and a new authenticator. Audited as the CLI.',
  },
} as const satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof COMMANDS;

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    'Haven: the web front door of an interventional-psychiatry clinic.',
    '',
    'Usage: npm run haven -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npm run haven -- <command> --help` for one command.',
    'Settings come from environment variables or a .env file: see docs/configuration.md.',
  ].join('\n');
}

export function commandHelp(name: CommandName): string {
  const command: CommandHelp = COMMANDS[name];
  return [`Usage: ${command.usage}`, '', command.summary, '', command.details].join('\n');
}
