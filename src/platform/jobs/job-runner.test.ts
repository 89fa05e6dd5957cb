import assert from 'node:assert/strict';
import { LogCapture } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createDatabase } from '../database/database.js';
import { createLogger } from '../logging/logger.js';
import { createJobRunner, type Job } from './job-runner.js';

/**
 * The job runner (decision 024), driven by an injected clock and its explicit runDue(): several processes
 * share one database, a throwing run is retried when next due, and stop() waits for a run in flight.
 */

function clockAt(iso: string) {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), advance: (by: number) => (ms += by) };
}

const MINUTE = 60_000;

forEachEngine('job runner', (_engine, it) => {
  it('two processes on one database run a cluster job once per due time, and again at the next', async ({
    handle,
    config,
  }) => {
    const otherHandle = createDatabase(config);
    const clock = clockAt('2027-03-01T09:00:30Z');
    const runs: string[] = [];
    const runner = (name: string, db: typeof handle.db) => {
      const jobs = createJobRunner({ db, logger: createLogger({ level: 'silent' }), now: clock.now });
      const job: Job = {
        name: 'escalation check',
        scope: 'cluster',
        every: MINUTE,
        run: async () => runs.push(`${name} at ${clock.now().toISOString()}`),
      };
      jobs.add([job]);
      return jobs;
    };
    const one = runner('one', handle.db);
    const other = runner('other', otherHandle.db);
    try {
      assert.deepEqual(await Promise.all([one.runDue(), other.runDue()]), [[], []], 'not due before 09:01');
      clock.advance(MINUTE);
      const first = (await Promise.all([one.runDue(), other.runDue()])).flat();
      assert.deepEqual(first, ['escalation check'], 'one of the two ran it');
      assert.equal(runs.length, 1);
      assert.deepEqual(
        await Promise.all([one.runDue(), other.runDue()]),
        [[], []],
        'the same due time is done',
      );
      clock.advance(MINUTE);
      const second = (await Promise.all([other.runDue(), one.runDue()])).flat();
      assert.deepEqual(second, ['escalation check'], 'the next due time runs once too');
      assert.equal(runs.length, 2);
    } finally {
      await one.stop();
      await other.stop();
      await otherHandle.close();
    }
  });

  it('a run that throws is logged without its text and runs again when next due', async ({ handle }) => {
    const logs = new LogCapture();
    const clock = clockAt('2027-03-01T09:00:00Z');
    const jobs = createJobRunner({
      db: handle.db,
      logger: createLogger({ level: 'info', destination: logs }),
      now: clock.now,
    });
    let attempts = 0;
    jobs.add([
      {
        name: 'retention',
        scope: 'cluster',
        every: MINUTE,
        run: async () => {
          attempts += 1;
          if (attempts === 1) throw new TypeError('Jamie Keys, 312 555 0161, could not be purged');
        },
      },
    ]);
    try {
      clock.advance(MINUTE);
      assert.deepEqual(await jobs.runDue(), ['retention']);
      assert.equal(attempts, 1);
      assert.ok(logs.entries.some((entry) => entry.job === 'retention' && entry.error === 'TypeError'));
      assert.doesNotMatch(logs.text, /Jamie|555/, 'no error text in the log');
      clock.advance(MINUTE);
      assert.deepEqual(await jobs.runDue(), ['retention']);
      assert.equal(attempts, 2, 'the next due time ran it again');
    } finally {
      await jobs.stop();
    }
  });

  it('process jobs run in every process, at start and then on their period; runNow() runs one at once', async ({
    handle,
    config,
  }) => {
    const otherHandle = createDatabase(config);
    const clock = clockAt('2027-03-01T09:00:00Z');
    const seen = { one: 0, other: 0 };
    const polledTwice = (name: 'one' | 'other', db: typeof handle.db) => {
      const jobs = createJobRunner({ db, logger: createLogger({ level: 'silent' }), now: clock.now });
      const twice = new Promise<void>((resolve) => {
        jobs.add([
          {
            name: 'content version',
            scope: 'process',
            every: 10,
            run: async () => {
              seen[name] += 1;
              if (seen[name] === 2) resolve();
            },
          },
        ]);
      });
      jobs.start();
      return { jobs, twice };
    };
    const one = polledTwice('one', handle.db);
    const other = polledTwice('other', otherHandle.db);
    try {
      // The clock stands still: a process job polls on elapsed time, not on the clinic's clock.
      await Promise.all([one.twice, other.twice]);
      await one.jobs.stop();
      const before = seen.one;
      assert.equal(await one.jobs.runNow('content version'), false, 'nothing runs after stop()');
      assert.equal(seen.one, before);
      assert.equal(await other.jobs.runNow('content version'), true);
    } finally {
      await one.jobs.stop();
      await other.jobs.stop();
      await otherHandle.close();
    }
  });

  it('stop() waits for a run in flight to finish', async ({ handle }) => {
    const clock = clockAt('2027-03-01T09:00:00Z');
    const jobs = createJobRunner({
      db: handle.db,
      logger: createLogger({ level: 'silent' }),
      now: clock.now,
    });
    const events: string[] = [];
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    jobs.add([
      {
        name: 'housekeeping',
        scope: 'cluster',
        every: MINUTE,
        run: async () => {
          events.push('started');
          started();
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          events.push('finished');
        },
      },
    ]);
    clock.advance(MINUTE);
    const ran = jobs.runDue();
    await running;
    const stopped = jobs.stop().then(() => events.push('stopped'));
    setImmediate(() => release());
    await stopped;
    assert.deepEqual(events, ['started', 'finished', 'stopped']);
    assert.deepEqual(await ran, ['housekeeping']);
  });

  it('an `at` job runs at the times it gives, by the clock', async ({ handle }) => {
    const clock = clockAt('2027-03-01T02:00:00Z');
    const jobs = createJobRunner({
      db: handle.db,
      logger: createLogger({ level: 'silent' }),
      now: clock.now,
    });
    const runs: string[] = [];
    const threeOClock = (after: Date) => {
      const next = new Date(after);
      next.setUTCHours(3, 0, 0, 0);
      if (next <= after) next.setUTCDate(next.getUTCDate() + 1);
      return next;
    };
    jobs.add([
      {
        name: 'nightly',
        scope: 'cluster',
        at: threeOClock,
        run: async () => runs.push(clock.now().toISOString()),
      },
    ]);
    try {
      assert.deepEqual(await jobs.runDue(), []);
      clock.advance(61 * MINUTE);
      assert.deepEqual(await jobs.runDue(), ['nightly']);
      clock.advance(60 * MINUTE);
      assert.deepEqual(await jobs.runDue(), [], 'not again until tomorrow at three');
      assert.deepEqual(runs, ['2027-03-01T03:01:00.000Z']);
    } finally {
      await jobs.stop();
    }
  });
});
