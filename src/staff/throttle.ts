import { createHash } from 'node:crypto';
import type { Db } from './repository.js';
import { staffRepository as repo } from './repository.js';

/**
 * Slows password and code guessing without letting an attacker lock a real person out for long
 * (decision 013). Three counters, each reset an hour after its first failure:
 * - this account from this address: from the 5th failure, a wait that doubles from 30 s up to 15 minutes;
 * - this account from anywhere: from the 20th failure, a minute's wait, so guessing spread across many
 *   addresses is slowed to a crawl while the real person waits a minute at worst;
 * - this address across accounts: from the 50th failure, 15 minutes (password spraying).
 */

const WINDOW_MS = 60 * 60 * 1000;

interface Rule {
  free: number;
  baseMs: number;
  maxMs: number;
}

const RULES = {
  pair: { free: 5, baseMs: 30_000, maxMs: 15 * 60_000 },
  account: { free: 20, baseMs: 60_000, maxMs: 60_000 },
  address: { free: 50, baseMs: 15 * 60_000, maxMs: 15 * 60_000 },
} satisfies Record<string, Rule>;

/** Keys never hold an email address in the clear. */
function keys(email: string, ip: string | null): { key: string; rule: Rule }[] {
  const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
  const list = [
    { key: `account:${account}`, rule: RULES.account },
    { key: `pair:${account}:${ip ?? '-'}`, rule: RULES.pair },
  ];
  if (ip !== null) list.push({ key: `address:${ip}`, rule: RULES.address });
  return list;
}

export function createThrottle(deps: { db: Db; now: () => Date }) {
  return {
    /** Milliseconds to wait before another attempt is even checked; 0 when free to try. */
    async waitMs(email: string, ip: string | null): Promise<number> {
      const now = deps.now().getTime();
      let wait = 0;
      for (const { key } of keys(email, ip)) {
        const row = await repo.throttle(deps.db, key);
        if (row?.locked_until) wait = Math.max(wait, Date.parse(row.locked_until) - now);
      }
      return Math.max(0, wait);
    },

    async failure(email: string, ip: string | null): Promise<void> {
      const now = deps.now();
      for (const { key, rule } of keys(email, ip)) {
        const row = await repo.throttle(deps.db, key);
        const fresh = !row || now.getTime() - Date.parse(row.first_failure_at) > WINDOW_MS;
        const failures = fresh ? 1 : row.failures + 1;
        const over = failures - rule.free + 1;
        const waitMs = over > 0 ? Math.min(rule.maxMs, rule.baseMs * 2 ** (over - 1)) : 0;
        await repo.saveThrottle(deps.db, {
          key,
          failures,
          first_failure_at: fresh ? now.toISOString() : row.first_failure_at,
          locked_until: waitMs > 0 ? new Date(now.getTime() + waitMs).toISOString() : null,
        });
      }
    },

    /** A success from this address clears its own counter; the others run out on their own. */
    async success(email: string, ip: string | null): Promise<void> {
      const pair = keys(email, ip).find(({ key }) => key.startsWith('pair:'));
      if (pair) await repo.clearThrottle(deps.db, pair.key);
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
