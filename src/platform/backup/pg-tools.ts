import { spawn } from 'node:child_process';

/**
 * Running PostgreSQL's own client tools (pg_dump, pg_restore) for Haven. The password never appears on a
 * command line, where any user of the machine could read it in the process list: it is taken out of the
 * address and handed to the child in PGPASSWORD.
 */

export type ToolEnvironment = Readonly<Record<string, string | undefined>>;

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the program could not be started at all (ENOENT: not installed, or not on PATH). */
  missing: boolean;
}

export interface Connection {
  /** The address without its password, for the command line. */
  url: string;
  /** The child's environment: the operator's, with PGPASSWORD when the address carried a password. */
  env: Record<string, string>;
}

export function toolConnection(connectionString: string, environment: ToolEnvironment): Connection {
  const address = new URL(connectionString);
  const password = decodeURIComponent(address.password);
  address.password = '';
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment)) if (value !== undefined) env[key] = value;
  if (password) env.PGPASSWORD = password;
  return { url: address.href, env };
}

export function runTool(program: string, args: string[], env: Record<string, string>): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: null, stdout, stderr: error.message, missing: error.code === 'ENOENT' }),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr, missing: false }));
  });
}

/** "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)" → 15; "pg_dump (PostgreSQL) 9.6.24" → 9. */
export function majorVersionOf(versionLine: string): number | undefined {
  const match = versionLine.match(/\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/);
  if (!match) return undefined;
  return Number(match[1]);
}

function installHint(serverMajor: number): string {
  return `install the PostgreSQL ${serverMajor} client tools (Debian and Ubuntu: sudo apt-get install postgresql-client-${serverMajor}; elsewhere the package named postgresql${serverMajor}-client or similar) and make sure they come first on PATH`;
}

/** Undefined when `program` runs and is at least the server's major version; otherwise what to do. */
export async function checkTool(
  program: 'pg_dump' | 'pg_restore',
  serverMajor: number,
  env: Record<string, string>,
): Promise<string | undefined> {
  const run = await runTool(program, ['--version'], env);
  if (run.missing) return `${program} was not found on PATH: ${installHint(serverMajor)}.`;
  const major = majorVersionOf(run.stdout);
  if (run.code !== 0 || major === undefined) {
    return `${program} --version did not answer as expected (${(run.stderr || run.stdout).trim()}): ${installHint(serverMajor)}.`;
  }
  if (major < serverMajor) {
    return `${program} is version ${major}, older than the database server (PostgreSQL ${serverMajor}), and cannot read it safely: ${installHint(serverMajor)}.`;
  }
  return undefined;
}

/** The last lines of a tool's error output, which say what went wrong; never the command line. */
export function toolFailure(program: string, run: ToolRun): string {
  const lines = run.stderr.trim().split('\n').filter(Boolean).slice(-5).join('\n');
  return `${program} failed (exit ${run.code ?? 'none'}):\n${lines || '(no message)'}`;
}
