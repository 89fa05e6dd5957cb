import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { DatabaseConfig } from '../../src/platform/config/config.js';
import { createDatabase } from '../../src/platform/database/database.js';
import { createTestDatabase, ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { skipOrFail } from '../helpers/strict.js';
import { type HavenProcess, startHavenProcess } from '../helpers/submissions.js';

/**
 * Issue 12, as an attacker would try it: two Haven processes on one database, and 40 wrong passwords for one
 * account sent at the same moment from 40 addresses, half to each process. The account-wide rule allows 20
 * failures: at most 20 may be checked, the rest must be told to wait, and every checked failure is recorded.
 * (src/staff/throttle-concurrency.test.ts proves the same in one process with two connections.)
 */

const ATTEMPTS = 40;
const ACCOUNT_LIMIT = 20;

/** Fetches the sign-in form as a browser behind the proxy would, and returns the send for later. */
async function preparedAttempt(origin: string, email: string, address: string) {
  const via = { 'x-forwarded-for': address, 'x-forwarded-proto': 'https', 'sec-fetch-site': 'same-origin' };
  const form = await fetch(`${origin}/staff/sign-in`, { headers: via, signal: AbortSignal.timeout(10_000) });
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(csrf, `the sign-in form has its token (status ${form.status})`);
  const cookie = form.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return async () => {
    const response = await fetch(`${origin}/staff/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...via, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password: `wrong password from ${address}` }),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status;
  };
}

for (const engine of ENGINES) {
  describe(`sign-in throttling across two processes [${engine}]`, () => {
    test(`${ATTEMPTS} simultaneous wrong passwords from ${ATTEMPTS} addresses: at most ${ACCOUNT_LIMIT} are checked, each is recorded`, async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'haven-sign-in-'));
      const file = path.join(dir, 'haven.db');
      let config: DatabaseConfig = { engine: 'sqlite', file, url: `sqlite:${file}` };
      const pgDatabase =
        engine === 'postgres' ? await createTestDatabase('postgres', { migrated: false }) : undefined;
      if (pgDatabase) {
        await pgDatabase.handle.close();
        config = pgDatabase.config;
      }
      const env = {
        DATABASE_URL: config.url,
        HAVEN_TRUST_PROXY: '127.0.0.1',
        HAVEN_RATE_LIMIT_PER_MINUTE: '1000000',
      };
      const processes: HavenProcess[] = [];
      try {
        // One after the other, so that the second finds the database migrated.
        processes.push(await startHavenProcess(env));
        processes.push(await startHavenProcess(env));
        const email = 'clinician.under.attack@example.org';
        const sends = [];
        for (let i = 1; i <= ATTEMPTS; i += 1) {
          sends.push(await preparedAttempt(processes[i % 2]!.origin, email, `203.0.113.${i}`));
        }
        const statuses = await Promise.all(sends.map((send) => send()));
        const checked = statuses.filter((status) => status === 303).length;
        const refused = statuses.filter((status) => status === 429).length;
        assert.equal(checked + refused, ATTEMPTS, `every attempt is checked or told to wait: ${statuses}`);
        assert.ok(
          checked <= ACCOUNT_LIMIT,
          `${checked} attempts were checked; the limit is ${ACCOUNT_LIMIT}`,
        );
        assert.equal(checked, ACCOUNT_LIMIT, 'no attempt is refused before the limit is reached');

        const database = createDatabase(config);
        try {
          const key = `account:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
          const row = await database.db
            .selectFrom('auth_throttle')
            .select(['failures', 'locked_until'])
            .where('key', '=', key)
            .executeTakeFirstOrThrow();
          assert.equal(row.failures, checked, 'every checked failure is recorded, none lost');
          assert.ok(row.locked_until, 'the account is locked after the last allowed failure');
        } finally {
          await database.close();
        }
        const late = await (await preparedAttempt(processes[0]!.origin, email, '198.51.100.99'))();
        assert.equal(late, 429, 'a later attempt, from yet another address, waits');
      } finally {
        for (const haven of processes) {
          haven.child.kill('SIGTERM');
          await haven.exited;
        }
        await pgDatabase?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
