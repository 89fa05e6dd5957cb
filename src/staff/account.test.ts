import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  type StaffMember,
  signIn,
  staffClient,
  type TestClock,
  testClock,
} from '../../test/helpers/staff.js';
import { totpCodeAt } from './mfa/totp.js';

/**
 * Changing the password, the authenticator or the recovery codes needs a fresh confirmation with the
 * password and a code (decision 013): someone who finds a signed-in screen cannot lock its owner out.
 * Signing in counts as a confirmation for five minutes, so each test first lets that run out.
 */

const NEW_PASSWORD = 'harbour meadow copper 77';
const FIVE_MINUTES = 5 * 60_000;

/**
 * Signs in with this password and the account's current code, in a fresh browser: true when a session
 * starts. (A wrong password also leads to the code page, so only the whole sign-in tells.)
 */
async function passwordAccepted(
  app: FastifyInstance,
  clock: TestClock,
  member: Pick<StaffMember, 'email' | 'secret'>,
  password: string,
): Promise<boolean> {
  const client = staffClient(app);
  const first = await client.submit('/staff/sign-in', '/staff/sign-in', { email: member.email, password });
  assert.equal(first.statusCode, 303, `sign-in answered ${first.statusCode}`);
  const code = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', {
    code: totpCodeAt(member.secret, clock.ms),
  });
  clock.advance(30_000);
  return code.statusCode === 303 && client.jar.cookies.has('__Host-haven_session');
}

async function confirm(client: StaffClient, clock: TestClock, member: StaffMember, code?: string) {
  const response = await client.submit('/staff/account', '/staff/account/confirm', {
    password: member.password,
    code: code ?? totpCodeAt(member.secret, clock.ms),
  });
  // A code works once: the next one must come from a later step.
  clock.advance(30_000);
  return response;
}

const keyOn = (html: string) => /id="totp-key">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '');
const pendingOn = (html: string) => /name="pending" value="([^"]+)"/.exec(html)?.[1];

describe('re-authentication before changing the password or the authenticator', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());
  const start = async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    return { app: testApp.app, clock };
  };

  test('the password cannot be changed without a recent confirmation, and can be with one', async () => {
    const { app, clock } = await start();
    const member = await createStaffMember(app, clock, ['front_desk']);
    const laptop = await signIn(app, clock, member);
    clock.advance(FIVE_MINUTES);

    const page = await member.client.get('/staff/account');
    assert.match(page.body, /first confirm it is you/);
    assert.doesNotMatch(page.body, /action="\/staff\/account\/password"/, 'no change form is offered');
    // A form posted anyway (an old tab, a forged request with the right token) is refused.
    const stale = await member.client.post('/staff/account/password', {
      _csrf: csrfOf(page.body),
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.equal(stale.statusCode, 403);
    assert.match(stale.body, /Confirm it is you first/);
    for (const kind of ['authenticator', 'recovery-codes']) {
      const refused = await member.client.post(`/staff/account/${kind}`, { _csrf: csrfOf(page.body) });
      assert.equal(refused.statusCode, 403, `${kind} needs a confirmation too`);
      assert.equal(keyOn(refused.body), undefined, 'no new key is shown');
      assert.doesNotMatch(refused.body, /<code>[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}<\/code>/);
    }
    assert.equal(await passwordAccepted(app, clock, member, NEW_PASSWORD), false, 'nothing changed');

    // The password alone does not confirm: the code is needed too.
    const wrongCode = await confirm(member.client, clock, member, '000000');
    assert.equal(wrongCode.statusCode, 401);
    assert.match(wrongCode.body, /The password or code is not right/);
    assert.match(wrongCode.body, /first confirm it is you/);

    const confirmed = await confirm(member.client, clock, member);
    assert.equal(confirmed.statusCode, 303);
    const fresh = await member.client.get('/staff/account');
    assert.match(fresh.body, /action="\/staff\/account\/password"/, 'the change form is offered now');
    const changed = await member.client.post('/staff/account/password', {
      _csrf: csrfOf(fresh.body),
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    assert.equal(changed.statusCode, 200);
    assert.match(changed.body, /Your password has been changed/);
    assert.equal(await passwordAccepted(app, clock, member, NEW_PASSWORD), true);
    assert.equal(await passwordAccepted(app, clock, member, member.password), false);
    assert.equal((await laptop.get('/staff')).statusCode, 303, 'the other session was signed out');
    assert.equal((await member.client.get('/staff')).statusCode, 200, 'this one goes on');

    // The confirmation lasts five minutes, then the next change needs another.
    clock.advance(FIVE_MINUTES);
    const later = await member.client.get('/staff/account');
    const again = await member.client.post('/staff/account/password', {
      _csrf: csrfOf(later.body),
      password: 'another long passphrase 9',
      confirm: 'another long passphrase 9',
    });
    assert.equal(again.statusCode, 403);
    assert.equal(await passwordAccepted(app, clock, member, NEW_PASSWORD), true, 'still the changed one');
  });

  test('a new authenticator needs a recent confirmation to start and to finish, and then replaces the old one', async () => {
    const { app, clock } = await start();
    const member = await createStaffMember(app, clock, ['clinician']);
    const phone = await signIn(app, clock, member);
    clock.advance(FIVE_MINUTES);
    assert.equal((await confirm(member.client, clock, member)).statusCode, 303);

    // Started while fresh, but finished after the confirmation ran out: refused, the old app still works.
    const started = await member.client.submit('/staff/account', '/staff/account/authenticator', {});
    assert.equal(started.statusCode, 200);
    const staleKey = keyOn(started.body);
    const stalePending = pendingOn(started.body);
    assert.ok(staleKey && stalePending, 'the new key is shown as text, carried sealed');
    clock.advance(FIVE_MINUTES);
    const late = await member.client.post('/staff/account/authenticator/confirm', {
      _csrf: csrfOf(started.body),
      pending: stalePending,
      code: totpCodeAt(staleKey, clock.ms),
    });
    assert.equal(late.statusCode, 403);
    assert.match(late.body, /Confirm it is you first/);

    assert.equal((await confirm(member.client, clock, member)).statusCode, 303);
    const enrol = await member.client.submit('/staff/account', '/staff/account/authenticator', {});
    const newKey = keyOn(enrol.body);
    assert.ok(newKey && newKey !== member.secret);
    const connected = await member.client.post('/staff/account/authenticator/confirm', {
      _csrf: csrfOf(enrol.body),
      pending: pendingOn(enrol.body)!,
      code: totpCodeAt(newKey, clock.ms),
    });
    assert.equal(connected.statusCode, 200);
    assert.match(connected.body, /Your new authenticator app is connected/);
    assert.equal((await phone.get('/staff')).statusCode, 303, 'the other session was signed out');

    clock.advance(30_000);
    const oldApp = staffClient(app);
    await oldApp.submit('/staff/sign-in', '/staff/sign-in', {
      email: member.email,
      password: member.password,
    });
    const refused = await oldApp.submit('/staff/sign-in/code', '/staff/sign-in/code', {
      code: totpCodeAt(member.secret, clock.ms),
    });
    assert.equal(refused.statusCode, 401, 'the old app no longer signs in');
    await signIn(app, clock, { ...member, secret: newKey });
  });
});
