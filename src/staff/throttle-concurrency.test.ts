import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LogCapture, testCipher } from '../../test/helpers/app.js';
import { type AppEngineOptions, appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, staffClient } from '../../test/helpers/staff.js';
import { buildApp } from '../app.js';
import { createDatabase } from '../platform/database/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { totpCodeAt } from './mfa/totp.js';

/**
 * Issue 12: attempts sent at the same moment must not all pass "must you wait?" before the first failure is
 * recorded, and concurrent failures must not overwrite each other. Two Haven instances share one database
 * (two connections, as two processes would have), and 40 wrong passwords for one account arrive at once
 * from 40 addresses, half through each instance.
 */

const BEHIND_PROXY: AppEngineOptions = {
  content: 'none',
  env: { HAVEN_TRUST_PROXY: '127.0.0.1', HAVEN_RATE_LIMIT_PER_MINUTE: '100000' },
};

/** A second Haven on the same database, with its own connection (pool), as another process would be. */
async function secondInstance(
  first: { config: import('../platform/config/config.js').Config },
  now: () => Date,
) {
  const database = createDatabase(first.config.database);
  const app = await buildApp({
    config: first.config,
    database,
    logger: createLogger({ level: 'warn', destination: new LogCapture() }),
    now,
    cipher: testCipher(),
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

async function preparedAttempt(app: FastifyInstance, email: string, address: string) {
  const client = staffClient(app);
  const via = { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' };
  const csrf = csrfOf((await client.get('/staff/sign-in')).body);
  return () => client.post('/staff/sign-in', { _csrf: csrf, email, password: `wrong ${address}` }, via);
}

appOnEachEngine('sign-in throttling under concurrency', (_engine, it) => {
  it(
    '40 simultaneous wrong passwords from 40 addresses through two instances: at most 20 are checked, each is counted',
    BEHIND_PROXY,
    async ({ app, db, config }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const other = await secondInstance({ config }, clock.now);
      try {
        const attempts = [];
        for (let i = 1; i <= 40; i += 1)
          attempts.push(await preparedAttempt(i % 2 ? app : other.app, member.email, `203.0.113.${i}`));
        const responses = await Promise.all(attempts.map((send) => send()));
        const checked = responses.filter((response) => response.statusCode === 303).length;
        const refused = responses.filter((response) => response.statusCode === 429).length;
        assert.equal(checked + refused, 40, 'every attempt is either checked or told to wait');
        // The account-wide rule lets 20 failures through in an hour, then makes everyone wait.
        assert.ok(checked <= 20, `${checked} attempts were checked; the limit is 20`);
        assert.equal(checked, 20, 'no attempt is refused before the limit is reached');
        const row = await db.handle.db
          .selectFrom('auth_throttle')
          .select(['failures', 'locked_until'])
          .where(
            'key',
            '=',
            `account:${createHash('sha256').update(member.email).digest('hex').slice(0, 32)}`,
          )
          .executeTakeFirstOrThrow();
        assert.equal(row.failures, checked, 'every checked failure is recorded, none lost');
        assert.ok(row.locked_until, 'the account is locked after the 20th');
        // And an attempt afterwards, through either instance, from yet another address, waits.
        const late = await (await preparedAttempt(other.app, member.email, '198.51.100.99'))();
        assert.equal(late.statusCode, 429);
      } finally {
        await other.close();
      }
    },
  );

  it(
    'ten wrong codes sent at once on one challenge: five are checked, the rest find it spent',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const client = staffClient(app);
      const via = { 'x-forwarded-for': '192.0.2.61', 'x-forwarded-proto': 'https' };
      const page = await client.get('/staff/sign-in');
      const password = await client.post(
        '/staff/sign-in',
        { _csrf: csrfOf(page.body), email: member.email, password: member.password },
        via,
      );
      assert.equal(password.statusCode, 303);
      const csrf = csrfOf((await client.get('/staff/sign-in/code')).body);
      const wrong = ['000000', '111111', '222222'].find(
        (code) => ![-30_000, 0, 30_000].some((drift) => totpCodeAt(member.secret, clock.ms + drift) === code),
      )!;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          client.post('/staff/sign-in/code', { _csrf: csrf, code: wrong }, via),
        ),
      );
      const checked = responses.filter((response) => /Enter your code/.test(response.body)).length;
      const spent = responses.filter((response) =>
        /Start again with your password/.test(response.body),
      ).length;
      assert.equal(checked, 5, 'a challenge allows five codes, even sent together');
      assert.equal(spent, 5);
    },
  );
});
