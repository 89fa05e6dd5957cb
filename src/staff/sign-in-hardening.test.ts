import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { type AppEngineOptions, appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, staffClient } from '../../test/helpers/staff.js';
import { totpCodeAt } from './mfa/totp.js';

/** Issue 12's sign-in findings, each reproduced over HTTP behind a trusted proxy (see throttle.test.ts). */

const BEHIND_PROXY: AppEngineOptions = {
  content: 'none',
  env: { HAVEN_TRUST_PROXY: '127.0.0.1', HAVEN_RATE_LIMIT_PER_MINUTE: '100000' },
};

function browserAt(app: FastifyInstance, address: string) {
  const client = staffClient(app);
  const via = { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' };
  const send = async (page: string, form: Record<string, string>) =>
    client.post(page, { _csrf: csrfOf((await client.get(page)).body), ...form }, via);
  return {
    client,
    password: (email: string, password: string) => send('/staff/sign-in', { email, password }),
    code: (code: string) => send('/staff/sign-in/code', { code }),
  };
}

/** What a response tells its reader: status, the headers that could differ, and the message shown. */
function observable(response: Awaited<ReturnType<ReturnType<typeof staffClient>['post']>>) {
  return {
    status: response.statusCode,
    retryAfter: response.headers['retry-after'] ?? null,
    location: response.headers.location ?? null,
    cookies: (response.cookies as { name: string }[]).map((cookie) => cookie.name).sort(),
    message: /<li><a href="#[a-z]+">([^<]+)</.exec(response.body)?.[1] ?? null,
  };
}

appOnEachEngine('sign-in hardening', (_engine, it) => {
  it(
    'the code step answers a decoy (wrong password) exactly as a real challenge, before and after the throttle trips',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const valid = [-30_000, 0, 30_000].map((drift) => totpCodeAt(member.secret, clock.ms + drift));
      const wrong = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777']
        .filter((code) => !valid.includes(code))
        .slice(0, 5);
      /** A whole attempt from its own address: the password, then five wrong codes and one more. */
      const run = async (address: string, password: string) => {
        const browser = browserAt(app, address);
        const seen = [observable(await browser.password(member.email, password))];
        for (const code of [...wrong, wrong[0]!]) seen.push(observable(await browser.code(code)));
        seen.push(observable(await browser.password(member.email, password)));
        return seen;
      };
      const real = await run('203.0.113.10', member.password);
      const decoy = await run('203.0.113.11', 'not the password');
      assert.deepEqual(decoy, real);
      // The throttle did trip along the way: the last password attempt was told to wait.
      assert.equal(real.at(-1)!.status, 429);
    },
  );

  it(
    'IPv6 addresses count by their /64: guesses from one /64 wait from the 5th, whatever the last 64 bits',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i += 1) {
        const browser = browserAt(app, `2001:db8:4:7:${i.toString(16)}::${i}`);
        statuses.push((await browser.password(member.email, `guess ${i}`)).statusCode);
      }
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
      // Another /64 of the same /48 is another household.
      const neighbour = browserAt(app, '2001:db8:4:8::1');
      assert.equal((await neighbour.password(member.email, member.password)).statusCode, 303);
    },
  );

  it(
    'a device that signed in before passes the account-wide lock strangers trip; a new device waits',
    BEHIND_PROXY,
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const laptop = browserAt(app, '192.0.2.30');
      assert.equal((await laptop.password(member.email, member.password)).statusCode, 303);
      const signedIn = await laptop.code(totpCodeAt(member.secret, clock.ms));
      assert.equal(signedIn.statusCode, 303);
      const cookie = (
        signedIn.cookies as {
          name: string;
          httpOnly?: boolean;
          secure?: boolean;
          path?: string;
          maxAge?: number;
        }[]
      ).find((c) => c.name === '__Host-haven_device');
      assert.ok(cookie, 'the device is remembered');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.path, '/');
      assert.ok((cookie.maxAge ?? 0) >= 30 * 86_400, 'for weeks, not the session');
      laptop.client.jar.cookies.delete('__Host-haven_session');
      clock.advance(30_000);

      // Strangers from twenty addresses lock the account for everyone else.
      for (let i = 1; i <= 20; i += 1)
        await browserAt(app, `203.0.113.${100 + i}`).password(member.email, `guess ${i}`);
      const phone = browserAt(app, '198.51.100.40');
      assert.equal((await phone.password(member.email, member.password)).statusCode, 429);

      // The laptop, now on another network, still gets in.
      const elsewhere = browserAt(app, '198.51.100.41');
      elsewhere.client.jar.cookies.set(
        '__Host-haven_device',
        laptop.client.jar.cookies.get('__Host-haven_device')!,
      );
      assert.equal((await elsewhere.password(member.email, member.password)).statusCode, 303);
      assert.equal((await elsewhere.code(totpCodeAt(member.secret, clock.ms))).statusCode, 303);
      assert.ok(elsewhere.client.jar.cookies.has('__Host-haven_session'));

      // The cookie is bound to its account: it does not open another account's lock.
      const other = await createStaffMember(app, clock, ['front_desk']);
      for (let i = 1; i <= 20; i += 1)
        await browserAt(app, `203.0.113.${150 + i}`).password(other.email, `guess ${i}`);
      const borrowed = browserAt(app, '198.51.100.42');
      borrowed.client.jar.cookies.set(
        '__Host-haven_device',
        laptop.client.jar.cookies.get('__Host-haven_device')!,
      );
      assert.equal((await borrowed.password(other.email, other.password)).statusCode, 429);
    },
  );
});
