import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import type { Job } from '../platform/jobs/index.js';
import { staffRepository as repo } from './repository.js';
import type { Throttle } from './throttle.js';

/**
 * Sign-in leaves rows behind: a challenge for every password tried (a decoy for every wrong one) and a
 * throttle counter for every account and address tried. Expired challenges and counters whose hour has
 * run out (and that hold no lock) are deleted by a job, so an attacker's guessing does not grow the
 * database for ever. Several processes may sweep at once: each deletion is one statement.
 */

export interface SweepResult {
  challenges: number;
  throttleRows: number;
}

export function createSignInHousekeeping(deps: {
  db: Kysely<Database>;
  throttle: Throttle;
  now: () => Date;
}) {
  return {
    async sweep(): Promise<SweepResult> {
      const challenges = await repo.deleteExpiredChallenges(deps.db, deps.now().toISOString());
      const throttleRows = await deps.throttle.purgeStale();
      return { challenges, throttleRows };
    },
  };
}

export type SignInHousekeeping = ReturnType<typeof createSignInHousekeeping>;

/** A cluster job (decision 024): every ten minutes by the clock, one process per due time. */
export function signInHousekeepingJob(deps: {
  sweep: () => Promise<SweepResult>;
  onSwept?: (result: SweepResult) => void;
  every?: number;
}): Job {
  return {
    name: 'sign-in housekeeping',
    scope: 'cluster',
    every: deps.every ?? 10 * 60_000,
    run: async () => deps.onSwept?.(await deps.sweep()),
  };
}
