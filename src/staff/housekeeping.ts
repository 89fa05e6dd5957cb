import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { staffRepository as repo } from './repository.js';
import type { Throttle } from './throttle.js';

/**
 * Sign-in leaves rows behind: a challenge for every password tried (a decoy for every wrong one) and a
 * throttle counter for every account and address tried. Expired challenges and counters whose hour has
 * run out (and that hold no lock) are deleted on a timer, so an attacker's guessing does not grow the
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

/** Runs `sweep` every `intervalMs` (ten minutes by default) until stopped; the same pattern as retention. */
export function startSignInHousekeeping(deps: {
  sweep: () => Promise<SweepResult>;
  onSwept?: (result: SweepResult) => void;
  onError: (error: unknown) => void;
  intervalMs?: number;
}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    // A sweep still in progress (a slow database) is not queued behind: the next tick will do.
    if (stopped || running) return;
    running = deps
      .sweep()
      .then((result) => {
        if (!stopped) deps.onSwept?.(result);
      })
      .catch(deps.onError)
      .finally(() => {
        running = null;
      });
  };
  const every = setInterval(run, deps.intervalMs ?? 10 * 60_000);
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(every);
      if (running) await running;
    },
  };
}
