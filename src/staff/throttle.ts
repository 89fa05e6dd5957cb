import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { throttleRepository as repo } from './throttle-repository.js';

/**
 * Slows password and code guessing without letting an attacker lock a real person out for long
 * (decision 013). Three counters, each reset an hour after its first failure:
 * - this account from this address: from the 5th failure, a wait that doubles from 30 s up to 15 minutes;
 * - this account from anywhere: from the 20th failure, a minute's wait, so guessing spread across many
 *   addresses is slowed to a crawl; a device that has signed in to the account before is not held by it;
 * - this address across accounts: from the 50th failure, 15 minutes (password spraying).
 *
 * A password attempt is claimed before it is checked, in one transaction that locks the counters' rows:
 * "must you wait?" and "count this attempt" are one atomic step, so attempts sent at the same moment cannot
 * all slip past the check, and concurrent failures are never lost (issue 12). Codes are limited by their
 * challenge (five tries, each claimed atomically) and every wrong one is counted here too, so code guessing
 * is held to the password step's pace. A whole sign-in gives its password claim back.
 */

export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;

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

/** What an attempt is counted against: an account (never its email in the clear) and an address. */
export interface ThrottleSubject {
  account: string;
  ip: string | null;
  /** A device that has signed in to this account before passes the account-wide lock (decision 013). */
  knownDevice?: boolean;
}

/** The account's counter key: a hash of the normalised email, so throttle rows never hold an address. */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * The part of an address one party controls: an IPv4 address whole, an IPv6 address by its /64 (one home
 * or phone gets a whole /64, so counting single IPv6 addresses would count nothing). The site-wide rate
 * limit's own normalisation, so both limits see the same parties.
 */
export function addressKey(ip: string): string {
  return normalizeIP(ip, 64);
}

function keys(subject: ThrottleSubject): { key: string; rule: Rule }[] {
  const list = [
    { key: `pair:${subject.account}:${subject.ip ? addressKey(subject.ip) : '-'}`, rule: RULES.pair },
  ];
  if (!subject.knownDevice) list.push({ key: `account:${subject.account}`, rule: RULES.account });
  if (subject.ip !== null) list.push({ key: `address:${addressKey(subject.ip)}`, rule: RULES.address });
  return list;
}

export type Claim = { ok: true } | { ok: false; waitMs: number };

export function createThrottle(deps: { db: Kysely<Database>; now: () => Date }) {
  /** Counts one failure on every counter, in one transaction holding their rows; `check` refuses first if any is locked. */
  const count = (subject: ThrottleSubject, check: boolean): Promise<Claim> => {
    const list = keys(subject);
    return deps.db.transaction().execute(async (trx) => {
      const now = deps.now();
      const rows = await repo.lockRows(
        trx,
        list.map(({ key }) => key),
        now.toISOString(),
      );
      const fresh = (key: string) => {
        const row = rows.get(key);
        return !row || now.getTime() - Date.parse(row.first_failure_at) > THROTTLE_WINDOW_MS;
      };
      let waitMs = 0;
      for (const { key } of list) {
        const lockedUntil = rows.get(key)?.locked_until;
        if (!fresh(key) && lockedUntil) waitMs = Math.max(waitMs, Date.parse(lockedUntil) - now.getTime());
      }
      if (check && waitMs > 0) return { ok: false, waitMs };
      for (const { key, rule } of list) {
        const failures = fresh(key) ? 1 : rows.get(key)!.failures + 1;
        const over = failures - rule.free + 1;
        const lockMs = over > 0 ? Math.min(rule.maxMs, rule.baseMs * 2 ** (over - 1)) : 0;
        await repo.saveRow(trx, {
          key,
          failures,
          first_failure_at: fresh(key) ? now.toISOString() : rows.get(key)!.first_failure_at,
          locked_until: lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null,
        });
      }
      return { ok: true };
    });
  };

  return {
    /**
     * Claims one attempt before it is checked: answers how long to wait if any counter is locked (and
     * counts nothing), or counts the attempt as a failure on every counter. A right password is counted
     * like a wrong one, since telling them apart here would tell which password was right (issue 12).
     */
    claim: (subject: ThrottleSubject): Promise<Claim> => count(subject, true),

    /** Counts a failure without asking to wait first (a wrong code: its challenge already limits tries). */
    async record(subject: ThrottleSubject): Promise<void> {
      await count(subject, false);
    },

    /** A whole sign-in succeeded: this address's own counter is cleared, and its password claim uncounted. */
    async forgive(subject: ThrottleSubject): Promise<void> {
      for (const { key } of keys(subject)) {
        if (key.startsWith('pair:')) await repo.deleteRow(deps.db, key);
        else await repo.uncount(deps.db, key);
      }
    },

    /** Counters whose hour has run out and that hold no lock any more; returns how many went. */
    purgeStale: (): Promise<number> => {
      const now = deps.now().getTime();
      return repo.deleteStale(
        deps.db,
        new Date(now - THROTTLE_WINDOW_MS).toISOString(),
        new Date(now).toISOString(),
      );
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
