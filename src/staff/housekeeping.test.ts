import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, staffClient } from '../../test/helpers/staff.js';
import { createJobRunner } from '../platform/jobs/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { type SweepResult, signInHousekeepingJob } from './housekeeping.js';

/**
 * Issue 12: every wrong password leaves a decoy challenge and throttle counters behind. The server's timer
 * deletes them once stale; the test moves the app's clock and runs the housekeeping job.
 */

appOnEachEngine('sign-in housekeeping', (_engine, it) => {
  it(
    'stale decoy challenges and throttle counters are deleted on the timer; fresh ones stay',
    { content: 'none' },
    async ({ app, db }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const guess = async (email: string) =>
        staffClient(app).submit('/staff/sign-in', '/staff/sign-in', { email, password: 'a wrong password' });
      for (let i = 0; i < 3; i += 1) await guess(`nobody${i}@clinic.example`);
      const count = async (table: 'staff_tokens' | 'auth_throttle') =>
        Number(
          (
            await db.handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const decoys = async () =>
        Number(
          (
            await db.handle.db
              .selectFrom('staff_tokens')
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .where('purpose', '=', 'sign_in')
              .where('user_id', 'is', null)
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await decoys(), 3);
      const staleThrottle = await count('auth_throttle');
      assert.ok(staleThrottle > 0);

      // An hour and a bit later, one new guess: its challenge and counters are fresh.
      clock.advance(61 * 60_000);
      await guess(member.email);
      const sweeps: SweepResult[] = [];
      const jobs = createJobRunner({
        db: db.handle.db,
        logger: createLogger({ level: 'silent' }),
        now: clock.now,
      });
      jobs.add([
        signInHousekeepingJob({
          sweep: () => app.staffHousekeeping.sweep(),
          onSwept: (result) => sweeps.push(result),
        }),
      ]);
      assert.equal(await jobs.runNow('sign-in housekeeping'), true);
      await jobs.stop();
      const result = sweeps[0]!;
      assert.equal(result.challenges, 3, 'the three stale decoys went');
      assert.equal(await decoys(), 1, 'the fresh decoy stays');
      assert.ok(result.throttleRows >= staleThrottle - 1, 'the stale counters went');
      const left = await db.handle.db.selectFrom('auth_throttle').select('key').execute();
      assert.ok(left.length > 0 && left.length <= 3, "only the new guess's counters are left");
      assert.equal(sweeps.length, 1);
    },
  );
});
