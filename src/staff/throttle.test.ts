import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { type AppEngineOptions, appOnEachEngine } from '../../test/helpers/app-engines.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  type StaffMember,
  staffClient,
  type TestClock,
} from '../../test/helpers/staff.js';
import { totpCodeAt } from './mfa/totp.js';

/**
 * Guessing is slowed per account and address, per account from anywhere, and per address across accounts
 * (decision 013, src/staff/throttle.ts). Haven sits behind a TLS proxy it trusts here, as in production, so
 * each attempt comes from the address the proxy names: without a trusted proxy X-Forwarded-For changes
 * nothing.
 */

const BEHIND_PROXY: AppEngineOptions = {
  content: 'none',
  // app.inject comes from 127.0.0.1: the proxy. Many attempts a minute are the point of these tests.
  env: { HAVEN_TRUST_PROXY: '127.0.0.1', HAVEN_RATE_LIMIT_PER_MINUTE: '100000' },
};

/** A browser at `address`, reaching Haven over https through the proxy. */
function browserAt(app: FastifyInstance, address: string) {
  const client = staffClient(app);
  const via = { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' };
  const send = async (page: string, url: string, form: Record<string, string>) =>
    client.post(url, { _csrf: csrfOf((await client.get(page)).body), ...form }, via);
  return {
    client,
    password: (email: string, password: string) =>
      send('/staff/sign-in', '/staff/sign-in', { email, password }),
    code: (code: string) => send('/staff/sign-in/code', '/staff/sign-in/code', { code }),
  };
}

/** The wait a throttled answer asks for, in seconds. */
function retryAfter(response: Awaited<ReturnType<StaffClient['post']>>): number {
  assert.equal(response.statusCode, 429, 'the attempt is not even checked');
  assert.match(response.body, /Too many attempts/);
  return Number(response.headers['retry-after']);
}

async function signsIn(app: FastifyInstance, clock: TestClock, member: StaffMember, address: string) {
  const browser = browserAt(app, address);
  const password = await browser.password(member.email, member.password);
  assert.equal(password.statusCode, 303, `the password is accepted from ${address}`);
  const code = await browser.code(totpCodeAt(member.secret, clock.ms));
  assert.equal(code.statusCode, 303, `the code is accepted from ${address}`);
  assert.ok(browser.client.jar.cookies.has('__Host-haven_session'));
  clock.advance(30_000);
}

appOnEachEngine('sign-in throttling', (_engine, it) => {
  it(
    'one address guessing one account waits from the 5th failure, 30 s doubling; other addresses are not held up',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const attacker = browserAt(app, '203.0.113.9');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1)
        statuses.push((await attacker.password(member.email, `wrong guess ${i}`)).statusCode);
      // A wrong password is answered like a right one (on to the code page) until the wait starts.
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
      // Even the right password is not checked while this address waits.
      assert.equal(retryAfter(await attacker.password(member.email, member.password)), 30);
      // The real person, elsewhere, is not held up by it.
      await signsIn(app, clock, member, '198.51.100.20');
      clock.advance(1_000);
      assert.equal((await attacker.password(member.email, 'wrong again')).statusCode, 303);
      assert.equal(retryAfter(await attacker.password(member.email, 'and again')), 60, 'the wait doubles');
    },
  );

  it(
    'one account guessed from many addresses waits a minute from the 20th failure, and never longer',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const other = await createStaffMember(app, clock, ['editor']);
      for (let i = 1; i <= 20; i += 1) {
        const response = await browserAt(app, `203.0.113.${i}`).password(member.email, `guess ${i}`);
        assert.equal(response.statusCode, 303, `guess ${i}, from its own address, is checked`);
      }
      // A 21st address, never seen before, still waits: the count is the account's.
      const fresh = browserAt(app, '203.0.113.21');
      assert.equal(retryAfter(await fresh.password(member.email, member.password)), 60);
      // The lock is the account's alone: another account signs in from that same address.
      await signsIn(app, clock, other, '203.0.113.21');

      // The wait runs out, and the attacker's next guesses lock the account for a minute again, not longer.
      clock.advance(60_000);
      assert.equal((await browserAt(app, '203.0.113.22').password(member.email, 'guess 21')).statusCode, 303);
      assert.equal(retryAfter(await browserAt(app, '203.0.113.23').password(member.email, 'guess 22')), 60);
      clock.advance(60_000);
      await signsIn(app, clock, member, '192.0.2.50');
    },
  );

  it(
    'one address spraying many accounts waits 15 minutes from the 50th failure; the accounts do not',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['admin']);
      const sprayer = browserAt(app, '198.51.100.7');
      for (let i = 1; i <= 50; i += 1) {
        const response = await sprayer.password(`person${i}@clinic.example`, 'Summer2026!');
        assert.equal(response.statusCode, 303, `account ${i} is tried once`);
      }
      // The 51st account, one that exists, with its right password: this address is not heard.
      assert.equal(retryAfter(await sprayer.password(member.email, member.password)), 15 * 60);
      // The person whose account it is signs in from their own address meanwhile.
      await signsIn(app, clock, member, '192.0.2.80');
      clock.advance(15 * 60_000);
      await signsIn(app, clock, member, '198.51.100.7');
    },
  );

  it(
    'wrong authenticator codes count like wrong passwords: five spend the challenge and make the password wait',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const stranger = browserAt(app, '203.0.113.77');
      // A right password counts as an attempt until the whole sign-in succeeds: counting it otherwise than
      // a wrong one would tell which password was right (issue 12).
      assert.equal((await stranger.password(member.email, member.password)).statusCode, 303);
      const statuses: number[] = [];
      for (const code of ['000000', '111111', '222222', '333333', '444444'])
        statuses.push((await stranger.code(code)).statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
      // Five wrong codes spend the challenge and make this address wait before the password is heard again.
      const spent = await stranger.code(totpCodeAt(member.secret, clock.ms));
      assert.equal(spent.statusCode, 401);
      assert.match(spent.body, /Start again with your password/);
      assert.equal(retryAfter(await stranger.password(member.email, member.password)), 60);
      assert.equal(stranger.client.jar.cookies.has('__Host-haven_session'), false);

      // After the wait, the right password and the right code sign in, and the address's counter is cleared.
      clock.advance(60_000);
      await signsIn(app, clock, member, '203.0.113.77');
      assert.equal((await stranger.password(member.email, 'a wrong one')).statusCode, 303);
    },
  );
});
