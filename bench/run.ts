import { cpus as listCpus, loadavg } from 'node:os';
import path from 'node:path';
import { choosePinning, type Pinning, pinThisProcess } from './cpus.js';
import { type Haven, startHaven } from './haven.js';
import { type Answer, type Ceiling, get, startCeiling } from './http.js';
import { type LoadSettings, type Measurement, measure, type Row } from './measure.js';
import { runSearchBench } from './search.js';
import { measureSubmissions, type SubmissionRow } from './submissions.js';

/**
 * `npm run bench`: Haven's throughput and latency under load next to a ceiling (a bare node:http server
 * answering Haven's own home page from memory), all on 127.0.0.1. See bench/README.md.
 */

/** The table, in order. Each Haven row is compared with the ceiling row of the same path. */
const ARTICLE = '/articles/ketamine-vs-tms';
const ROWS: Row[] = [
  { name: 'ceiling (bare node:http) /', path: '/', ceiling: true },
  { name: 'home /', path: '/', ceiling: false, target: 0.7 },
  { name: `ceiling (bare node:http) ${ARTICLE}`, path: ARTICLE, ceiling: true },
  { name: `article ${ARTICLE}`, path: ARTICLE, ceiling: false, target: 0.7 },
];

/** High enough that the rate limiter still runs on every request but never refuses one. */
const RATE_LIMIT_PER_MINUTE = 1_000_000_000;
const ROOT = path.resolve(import.meta.dirname, '..');

function loadSettings(): LoadSettings {
  const raw = process.env.BENCH_SECONDS?.trim() || '10';
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new Error(`BENCH_SECONDS must be a whole number of seconds, at least 1, not "${raw}"`);
  }
  return { connections: 50, pipelining: 1, seconds, warmupSeconds: 2 };
}

const progress = (message: string) => process.stderr.write(`${message}\n`);

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function table(header: string[], lines: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((cells) => (cells[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)));
  const rule = widths.map((width) => '-'.repeat(width));
  return [format(header), rule, ...lines.map(format)].map((cells) => cells.join('  ').trimEnd()).join('\n');
}

/** Other work on the machine takes CPU from Haven, the ceiling and autocannon alike: say how busy it was. */
function machineLoad(loadBefore: number): string {
  const cpus = listCpus().length;
  const after = loadavg()[0]!;
  const busy = Math.max(loadBefore, after) > cpus;
  return (
    `Machine: ${cpus} CPUs, 1-minute load average ${loadBefore.toFixed(2)} before, ${after.toFixed(2)} after` +
    (busy ? ' (busy: other work competed for CPU, so these numbers are noisy)' : '')
  );
}

function report(
  rows: Row[],
  measured: Map<Row, Measurement>,
  haven: Haven,
  settings: LoadSettings,
  loadBefore: number,
  pinning: Pinning | null,
): void {
  const pinned = pinning
    ? `; load generator on CPU ${pinning.loadCpu}, server under test on CPU ${pinning.serverCpu}`
    : '; not pinned to CPUs';
  const ceilingOf = (row: Row) => rows.find((candidate) => candidate.ceiling && candidate.path === row.path)!;
  const ratio = (row: Row) => measured.get(row)!.reqPerSec / measured.get(ceilingOf(row))!.reqPerSec;
  const { seconds, warmupSeconds, connections, pipelining } = settings;
  process.stdout.write(
    `\nHaven bench: ${connections} connections, pipelining ${pipelining}, ${seconds} s per row after a ` +
      `${warmupSeconds} s warm-up, all on 127.0.0.1${pinned}\n\n`,
  );
  const lines = rows.map((row) => {
    const m = measured.get(row)!;
    return [
      row.name,
      m.reqPerSec.toFixed(0),
      number(m.p50Ms),
      number(m.p99Ms),
      String(m.failures),
      ratio(row).toFixed(2),
    ];
  });
  const header = ['row', 'req/s (avg)', 'p50 ms', 'p99 ms', 'errors', 'ratio to ceiling'];
  process.stdout.write(`${table(header, lines)}\n\n`);
  for (const row of rows) {
    const m = measured.get(row)!;
    if (m.failures > 0 || !/^200×\d+$/.test(m.statusCodes)) {
      process.stdout.write(`${row.name}: status codes ${m.statusCodes || 'none'}\n`);
    }
  }
  process.stdout.write(`Haven peak RSS (VmHWM of pid ${haven.pid}): ${haven.peakRssMb().toFixed(1)} MB\n`);
  for (const child of haven.inspectProcess().children) {
    const rss = child.peakRssMb === undefined ? 'unknown' : `${child.peakRssMb.toFixed(1)} MB`;
    process.stdout.write(`  not included: child pid ${child.pid} (${child.command}), peak RSS ${rss}\n`);
  }
  process.stdout.write(`Haven start to first 200 of GET /: ${haven.startupMs.toFixed(0)} ms\n`);
  for (const row of rows.filter((candidate) => candidate.target !== undefined)) {
    const verdict = ratio(row) >= row.target! ? 'PASS' : 'BELOW TARGET';
    process.stdout.write(
      `${row.name} ratio ${ratio(row).toFixed(2)} (target ${row.target!.toFixed(2)}): ${verdict}\n`,
    );
  }
  process.stdout.write(`${machineLoad(loadBefore)}\n`);
  if (haven.logLines() > 0) {
    process.stdout.write(`Haven logged ${haven.logLines()} line(s) at warn or above during the run\n`);
  }
}

async function reportSearch(): Promise<void> {
  progress('measuring search: 10,000 generated articles of about 800 words…');
  const loadBefore = loadavg()[0]!;
  const result = await runSearchBench();
  const ms = (value: number) => value.toFixed(3);
  process.stdout.write(
    `\nSearch (in process, ${result.documents} documents)\n\n${table(
      ['row', 'value'],
      [
        ['index build', `${result.buildMs.toFixed(0)} ms`],
        ['longest event-loop stall during the build', `${result.longestStallMs.toFixed(1)} ms`],
        ['index memory (heap + array buffers)', `${result.heapMb.toFixed(1)} MB`],
        [
          `query p50 / p99, mixed list (${result.mixed.queries} queries)`,
          `${ms(result.mixed.p50)} / ${ms(result.mixed.p99)} ms`,
        ],
        [
          `query p50 / p99, adversarial (${result.adversarial.queries} queries)`,
          `${ms(result.adversarial.p50)} / ${ms(result.adversarial.p99)} ms`,
        ],
      ],
    )}\n`,
  );
  const verdict = result.mixed.p99 < 5 && result.adversarial.p99 < 5 ? 'PASS' : 'ABOVE TARGET';
  process.stdout.write(`search p99 under 5 ms (mixed and adversarial): ${verdict}\n`);
  // The stall and the p99 figures include time the operating system gave to other processes.
  process.stdout.write(`${machineLoad(loadBefore)}\n`);
}

async function reportSubmissions(pinning: Pinning | null, seconds: number): Promise<void> {
  const measured: SubmissionRow[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    progress(`measuring durable request submissions on ${engine} (16 connections, ${seconds} s)…`);
    measured.push(await measureSubmissions(ROOT, pinning, engine, seconds));
  }
  const lines = measured.map((row) =>
    row.skipped
      ? [`request form, ${row.engine}`, 'skipped', '', '', '', row.skipped]
      : [
          `request form, ${row.engine}`,
          row.reqPerSec.toFixed(0),
          number(row.p50Ms),
          number(row.p99Ms),
          String(row.acknowledged),
          String(row.failed),
        ],
  );
  process.stdout.write(
    `\nDurable appointment requests (POST, each stored sealed with its audit entry before the 303)\n\n${table(
      ['row', 'stored/s', 'p50 ms', 'p99 ms', 'stored', 'failed'],
      lines,
    )}\n`,
  );
}

async function main(): Promise<void> {
  // BENCH_ONLY=search: the in-process search rows alone, without starting Haven or any load.
  if (process.env.BENCH_ONLY === 'search') return reportSearch();
  if (process.env.BENCH_ONLY === 'submissions') {
    const pinning = choosePinning();
    if (pinning) pinThisProcess(pinning.loadCpu);
    return reportSubmissions(pinning, loadSettings().seconds);
  }
  const settings = loadSettings();
  for (const row of ROWS) {
    if (ROWS.filter((other) => other.ceiling && other.path === row.path).length !== 1) {
      throw new Error(`ROWS needs exactly one ceiling row for ${row.path}`);
    }
  }
  const rows = ROWS;

  let haven: Haven | undefined;
  let ceiling: Ceiling | undefined;
  const abandon = async () => {
    await haven?.kill();
    await ceiling?.close();
  };
  process.once('SIGINT', () => {
    progress('interrupted: stopping Haven');
    void abandon().finally(() => process.exit(130));
  });

  const loadBefore = loadavg()[0]!;
  const pinning = choosePinning();
  if (pinning) {
    pinThisProcess(pinning.loadCpu);
    progress(
      `pinned: load generator on CPU ${pinning.loadCpu}, the server under test on CPU ${pinning.serverCpu}`,
    );
  } else {
    progress('not pinned (one CPU, no taskset, or BENCH_NO_PINNING=1): every process shares every CPU');
  }
  try {
    progress('starting Haven (node --import tsx src/main.ts serve)…');
    haven = await startHaven(ROOT, RATE_LIMIT_PER_MINUTE, pinning);
    if (!haven.inspectProcess().listenerIsSpawnedPid) {
      throw new Error(
        `pid ${haven.pid} does not own the socket listening on ${haven.url}; its VmHWM is not Haven's`,
      );
    }
    progress(`verified: the spawned pid ${haven.pid} itself owns the socket listening on ${haven.url}`);

    const pages = new Map<string, Answer>();
    for (const path of new Set(rows.map((row) => row.path))) {
      const page = await get(`${haven.url}${path}`);
      if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}, not 200`);
      pages.set(path, page);
      progress(`${path}: ${page.body.length} bytes of ${page.contentType}`);
    }
    ceiling = await startCeiling(pages, pinning);
    progress(`ceiling at ${ceiling.url}`);

    const measured = new Map<Row, Measurement>();
    for (const row of rows) {
      const base = row.ceiling ? ceiling.url : haven.url;
      progress(`measuring ${row.name} (${settings.warmupSeconds} s warm-up + ${settings.seconds} s)…`);
      measured.set(row, await measure(`${base}${row.path}`, settings));
      haven.assertRunning();
    }
    report(rows, measured, haven, settings, loadBefore, pinning);

    const code = await haven.stop();
    haven = undefined;
    await ceiling.close();
    ceiling = undefined;
    if (code !== 0) throw new Error(`Haven exited with code ${code} after SIGTERM`);
    await reportSubmissions(pinning, settings.seconds);
    await reportSearch();
  } catch (error) {
    await abandon();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
