import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';
import type { Logger } from '../logging/logger.js';
import { claimDueTime } from './claim.js';

/**
 * One runner for everything Haven does later (decision 024). A feature hands it a list of jobs:
 *
 * - `scope: 'process'`: every Haven process runs it, once at start and then every `every` milliseconds of
 *   elapsed time. For polls that keep this process's own view fresh (the content version, staff notices),
 *   or whose work is already shared out row by row (the mail outbox's leases).
 * - `scope: 'cluster'`: its due times come from the injected clock (`every` milliseconds apart, counted
 *   from the epoch so every process agrees on them, or the times `at` gives), and each due time is run by
 *   one process only, whichever claims it first in the database (claim.ts), PostgreSQL or SQLite alike.
 *
 * A run that throws is logged by job name and error class only (an error's text can quote health
 * information), and the job runs again when next due. A job still running is not started a second time.
 */
export type JobScope = 'process' | 'cluster';

export type Job = {
  name: string;
  scope: JobScope;
  run(): Promise<unknown>;
} & ({ every: number; at?: never } | { at: (after: Date) => Date; every?: never });

export interface JobRunner {
  /** Registers jobs; a feature contributes its list. Names are unique. */
  add(jobs: readonly Job[]): void;
  /** Starts the timers. Jobs added later start at once. */
  start(): void;
  /** Runs each cluster job whose due time has come by the clock and that this process claims; the names run. */
  runDue(): Promise<string[]>;
  /** Runs one job now, unless it is running already (false then): the "send now after commit" nudge. */
  runNow(name: string): Promise<boolean>;
  /** Stops every timer and waits for the runs in flight, so the database can be closed after it. */
  stop(): Promise<void>;
}

export interface JobRunnerDeps {
  db: Kysely<Database>;
  logger: Logger;
  now: () => Date;
  /** How often cluster jobs are checked against the clock; their shortest `every`, at most a second. */
  checkMs?: number;
}

interface Scheduled {
  job: Job;
  running: Promise<void> | undefined;
  /** Cluster jobs: the next due time by the injected clock. */
  nextDue: Date | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** A short, health-information-free name for what went wrong. */
function errorClass(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}`.slice(
    0,
    80,
  );
}

function nextDueAfter(job: Job, after: Date): Date {
  if (job.at) return job.at(after);
  const every = job.every;
  return new Date((Math.floor(after.getTime() / every) + 1) * every);
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { db, logger, now } = deps;
  const jobs = new Map<string, Scheduled>();
  let started = false;
  let stopped = false;
  let checker: NodeJS.Timeout | undefined;

  async function runLogged(job: Job): Promise<void> {
    try {
      await job.run();
    } catch (error) {
      logger.error(
        { job: job.name, error: errorClass(error) },
        'background job failed; it runs again when next due',
      );
    }
  }

  /** Marks the job running for as long as `work` takes, so neither a timer nor runDue() starts it twice. */
  function track<T>(scheduled: Scheduled, work: Promise<T>): Promise<T> {
    scheduled.running = work.then(
      () => undefined,
      () => undefined,
    );
    void scheduled.running.then(() => {
      scheduled.running = undefined;
    });
    return work;
  }

  function runIfClaimed(scheduled: Scheduled, dueAt: Date): Promise<boolean> {
    const { job } = scheduled;
    const attempt = claimDueTime(db, job.name, dueAt, now()).then(
      async (claimed) => {
        if (claimed) await runLogged(job);
        return claimed;
      },
      (error: unknown) => {
        logger.error(
          { job: job.name, error: errorClass(error) },
          'background job could not be claimed; it runs again when next due',
        );
        return false;
      },
    );
    return track(scheduled, attempt);
  }

  function startTimer(scheduled: Scheduled): void {
    const { job } = scheduled;
    if (job.scope === 'cluster') return;
    const poll = () => {
      if (!stopped && scheduled.running === undefined) void track(scheduled, runLogged(job));
    };
    scheduled.timer = setInterval(poll, job.every);
    // The HTTP server keeps Haven alive; a pending job alone must not.
    scheduled.timer.unref();
    poll();
  }

  function restartChecker(): void {
    if (checker !== undefined) clearInterval(checker);
    const periods = [...jobs.values()]
      .filter(({ job }) => job.scope === 'cluster')
      .map(({ job }) => job.every ?? 1000);
    if (periods.length === 0) return;
    checker = setInterval(() => void runDue(), deps.checkMs ?? Math.min(1000, ...periods));
    checker.unref();
  }

  async function runDue(): Promise<string[]> {
    const at = now();
    const due: Promise<string | null>[] = [];
    for (const scheduled of jobs.values()) {
      if (scheduled.job.scope !== 'cluster' || stopped || scheduled.running) continue;
      if (scheduled.nextDue === undefined || at < scheduled.nextDue) continue;
      const dueAt = scheduled.nextDue;
      scheduled.nextDue = nextDueAfter(scheduled.job, at);
      due.push(runIfClaimed(scheduled, dueAt).then((ran) => (ran ? scheduled.job.name : null)));
    }
    return (await Promise.all(due)).filter((name): name is string => name !== null);
  }

  return {
    add(list) {
      for (const job of list) {
        if (jobs.has(job.name)) throw new Error(`a job named "${job.name}" is already registered`);
        if (job.scope === 'process' && job.every === undefined) {
          throw new Error(`the process job "${job.name}" polls: give it \`every\``);
        }
        // A cluster job's first due time is the first after it was added, whether or not the timers run.
        const nextDue = job.scope === 'cluster' ? nextDueAfter(job, now()) : undefined;
        const scheduled: Scheduled = { job, running: undefined, nextDue, timer: undefined };
        jobs.set(job.name, scheduled);
        if (started && !stopped) startTimer(scheduled);
      }
      if (started && !stopped) restartChecker();
    },

    start() {
      if (started) return;
      started = true;
      for (const scheduled of jobs.values()) startTimer(scheduled);
      restartChecker();
    },

    runDue,

    async runNow(name) {
      const scheduled = jobs.get(name);
      if (!scheduled) throw new Error(`no job named "${name}"`);
      if (stopped || scheduled.running) return false;
      await track(scheduled, runLogged(scheduled.job));
      return true;
    },

    async stop() {
      stopped = true;
      if (checker !== undefined) clearInterval(checker);
      for (const scheduled of jobs.values()) {
        if (scheduled.timer !== undefined) clearInterval(scheduled.timer);
      }
      await Promise.all([...jobs.values()].map((scheduled) => scheduled.running));
    },
  };
}
