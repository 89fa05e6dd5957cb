import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Pinning, pinnedCommand } from './cpus.js';
import { freePort, get, LOOPBACK, sleep } from './http.js';

/** Haven as a user runs it: `node --import tsx src/main.ts serve`, in a child process. */
export interface Haven {
  url: string;
  pid: number;
  /** From spawning the process to the first 200 answer of GET /, polled every POLL_MS. */
  startupMs: number;
  /** Throws, with Haven's last output, if the process has exited. */
  assertRunning(): void;
  /** Haven's lines on standard output (its log, LOG_LEVEL=warn) since it started. */
  logLines(): number;
  /** VmHWM: the most resident memory the process has held so far. */
  peakRssMb(): number;
  /** Whether the socket listening on Haven's port belongs to the spawned pid, and that pid's children. */
  inspectProcess(): ProcessCheck;
  /** SIGTERM, wait for the exit, remove the temp dir. Resolves to the exit code. */
  stop(): Promise<number | null>;
  /** The error path: SIGKILL if still running, then remove the temp dir. Never throws. */
  kill(): Promise<void>;
}

export interface ProcessCheck {
  listenerIsSpawnedPid: boolean;
  /** Processes the Haven process started itself (such as esbuild's service), with their own VmHWM. */
  children: { pid: number; command: string; peakRssMb: number | undefined }[];
}

const POLL_MS = 20;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const KEEP_OUTPUT_CHARS = 16_000;

export async function startHaven(
  root: string,
  rateLimitPerMinute: number,
  pinning: Pinning | null,
  /** Settings on top of the defaults below, such as a PostgreSQL DATABASE_URL. */
  extraEnv: Record<string, string> = {},
): Promise<Haven> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-bench-'));
  const url = `http://${LOOPBACK}:${port}`;
  const env = {
    ...process.env,
    HOST: LOOPBACK,
    PORT: String(port),
    DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}`,
    LOG_LEVEL: 'warn',
    HAVEN_RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute),
    // A key of the run's own, so the bench never writes a development key into the checkout.
    HAVEN_MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ...extraEnv,
  };

  const spawnedAt = performance.now();
  const [command, args] = pinnedCommand(pinning, process.execPath, [
    '--import',
    'tsx',
    'src/main.ts',
    'serve',
  ]);
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdoutLines = 0;
  const keep = (text: string) => {
    output = (output + text).slice(-KEEP_OUTPUT_CHARS);
  };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdoutLines += text.split('\n').filter((line) => line.trim() !== '').length;
    keep(text);
  });
  child.stderr?.setEncoding('utf8').on('data', keep);

  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
  });

  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const running = () => exit === undefined && spawnError === undefined;
  const assertRunning = () => {
    if (running()) return;
    const how = spawnError ? spawnError.message : `exit code ${exit?.code}, signal ${exit?.signal}`;
    throw new Error(`Haven stopped unexpectedly (${how}). Its last output:\n${output.trim()}`);
  };
  const kill = async () => {
    if (running()) child.kill('SIGKILL');
    await Promise.race([exited, sleep(STOP_TIMEOUT_MS)]);
    removeDir();
  };

  try {
    const startupMs = await waitForFirst200(url, spawnedAt, assertRunning);
    const pid = child.pid;
    if (pid === undefined) throw new Error('the Haven process has no pid');
    return {
      url,
      pid,
      startupMs,
      assertRunning,
      logLines: () => stdoutLines,
      peakRssMb: () => peakRssMb(pid),
      inspectProcess: () => inspectProcess(pid, port),
      stop: () => stop(child, exited, () => exit?.code ?? null).finally(removeDir),
      kill,
    };
  } catch (error) {
    await kill();
    throw error;
  }
}

/** Polls GET / every POLL_MS (one request at a time) until it answers 200; returns ms since spawn. */
async function waitForFirst200(url: string, spawnedAt: number, assertRunning: () => void): Promise<number> {
  for (;;) {
    const attemptAt = performance.now();
    assertRunning();
    const status = await get(`${url}/`, 1000).then(
      (answer) => answer.status,
      () => 0,
    );
    if (status === 200) return performance.now() - spawnedAt;
    if (attemptAt - spawnedAt > START_TIMEOUT_MS) {
      throw new Error(`Haven did not answer GET / with 200 within ${START_TIMEOUT_MS} ms (last: ${status})`);
    }
    await sleep(Math.max(0, attemptAt + POLL_MS - performance.now()));
  }
}

async function stop(child: ChildProcess, exited: Promise<void>, code: () => number | null) {
  child.kill('SIGTERM');
  const inTime = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!inTime) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`Haven did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM; it was killed`);
  }
  return code();
}

function peakRssMb(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    throw new Error(`cannot read /proc/${pid}/status (Linux only): ${String(error)}`);
  }
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmHWM line in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/**
 * `node --import tsx` registers tsx's loader inside the same process (its hooks run on a thread, not a
 * child), so the spawned pid should be the process that listens. This checks it rather than assuming:
 * the LISTEN socket on Haven's port (from /proc/<pid>/net/tcp) must be one of the pid's open files.
 */
function inspectProcess(pid: number, port: number): ProcessCheck {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listening = readFileSync(`/proc/${pid}/net/tcp`, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1] === local && fields[3] === '0A')
    .map((fields) => `socket:[${fields[9]}]`);
  const fds = readdirSync(`/proc/${pid}/fd`).map((fd) =>
    readOr(() => readlinkSync(`/proc/${pid}/fd/${fd}`), ''),
  );
  const childPids = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readOr(() => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8'), '')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
  const children = childPids.map((child) => ({
    pid: child,
    command: readOr(() => readFileSync(`/proc/${child}/cmdline`, 'utf8'), '')
      .split('\0')
      .join(' ')
      .trim(),
    peakRssMb: readOr<number | undefined>(() => peakRssMb(child), undefined),
  }));
  return { listenerIsSpawnedPid: listening.some((socket) => fds.includes(socket)), children };
}

/** /proc entries vanish when a process or file descriptor goes away between listing and reading. */
function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
