import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import {
  completeSetup,
  createStaffMember,
  csrfOf,
  GOOD_PASSWORD,
  signIn,
  staffClient,
  testClock,
} from '../../test/helpers/staff.js';
import { totpCodeAt } from './mfa/totp.js';

describe('staff sessions, CSRF and setup links', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());
  const start = async (env: Record<string, string> = {}) => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none', env });
    return { app: testApp.app, clock, logs: testApp.logs };
  };

  test('by default a session ends after 15 quiet minutes, and activity keeps it alive', async () => {
    const { app, clock } = await start();
    const member = await createStaffMember(app, clock, ['front_desk']);
    assert.equal((await member.client.get('/staff')).statusCode, 200);
    for (let i = 0; i < 4; i += 1) {
      clock.advance(15 * 60_000 - 1_000);
      assert.equal((await member.client.get('/staff')).statusCode, 200, 'still signed in while active');
    }
    clock.advance(15 * 60_000);
    const after = await member.client.get('/staff');
    assert.equal(after.statusCode, 303);
    assert.equal(after.headers.location, '/staff/sign-in');
  });

  test('by default a session ends 8 hours after sign-in however active it is', async () => {
    const { app, clock } = await start();
    const member = await createStaffMember(app, clock, ['clinician']);
    // createStaffMember signed in and then moved the clock on 30 s (a TOTP step).
    const signedInAt = clock.ms - 30_000;
    while (clock.ms < signedInAt + 8 * 60 * 60_000 - 10 * 60_000) {
      clock.advance(10 * 60_000);
      assert.equal((await member.client.get('/staff')).statusCode, 200);
    }
    clock.ms = signedInAt + 8 * 60 * 60_000 - 1_000;
    assert.equal((await member.client.get('/staff')).statusCode, 200, 'a second before the 8 hours');
    clock.advance(1_000);
    const after = await member.client.get('/staff');
    assert.equal(after.statusCode, 303, 'active or not, 8 hours is the end');
    assert.equal(after.headers.location, '/staff/sign-in');
  });

  test('the absolute limit is configurable (HAVEN_SESSION_MAX_HOURS)', async () => {
    const { app, clock } = await start({ HAVEN_SESSION_MAX_HOURS: '2' });
    const member = await createStaffMember(app, clock, ['clinician']);
    for (let minutes = 0; minutes < 110; minutes += 10) {
      clock.advance(10 * 60_000);
      assert.equal((await member.client.get('/staff')).statusCode, 200);
    }
    clock.advance(11 * 60_000);
    assert.equal((await member.client.get('/staff')).statusCode, 303);
  });

  test('signing out everywhere ends every session, and signing out ends this one', async () => {
    const { app, clock } = await start();
    const member = await createStaffMember(app, clock, ['editor']);
    const phone = await signIn(app, clock, member);
    const laptop = await signIn(app, clock, member);
    const account = (await laptop.get('/staff/account')).body;
    assert.equal(
      (account.match(/Sign out this session/g) ?? []).length,
      2,
      'the two other sessions are listed',
    );
    const endOthers = await laptop.post('/staff/account/sessions/end-all', {
      _csrf: csrfOf(account),
      keepCurrent: 'yes',
    });
    assert.match(endOthers.body, /Signed out 2 other sessions/);
    assert.equal((await phone.get('/staff')).statusCode, 303);
    assert.equal((await member.client.get('/staff')).statusCode, 303);
    assert.equal((await laptop.get('/staff')).statusCode, 200);
    const out = await laptop.post('/staff/sign-out', { _csrf: csrfOf((await laptop.get('/staff')).body) });
    assert.equal(out.headers.location, '/staff/sign-in?signed-out');
    assert.equal((await laptop.get('/staff')).statusCode, 303);
  });

  test('a state change without the form token, or from another site, is refused and changes nothing', async () => {
    const { app, clock } = await start();
    const admin = await createStaffMember(app, clock, ['admin']);
    const page = (await admin.client.get('/staff/users')).body;
    const form = { displayName: 'New Person', email: 'new.person@clinic.example', roles: 'front_desk' };
    const noToken = await admin.client.post('/staff/users', form);
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.body, /This form has expired/);
    const wrongToken = await admin.client.post('/staff/users', { ...form, _csrf: 'x'.repeat(32) });
    assert.equal(wrongToken.statusCode, 403);
    const foreign = await admin.client.post(
      '/staff/users',
      { ...form, _csrf: csrfOf(page) },
      { 'sec-fetch-site': 'cross-site' },
    );
    assert.equal(foreign.statusCode, 403);
    const foreignOrigin = await admin.client.post(
      '/staff/users',
      { ...form, _csrf: csrfOf(page) },
      { origin: 'https://evil.example' },
    );
    assert.equal(foreignOrigin.statusCode, 403);
    assert.equal(
      await app.staffAccounts.findByEmail({ kind: 'cli' }, form.email),
      null,
      'nothing was created',
    );
    const good = await admin.client.post('/staff/users', { ...form, _csrf: csrfOf(page) });
    assert.equal(good.statusCode, 200);
    assert.match(good.body, /staff\/setup\?token=/);
    // GET never changes anything: the sign-out route does not answer GET.
    assert.equal((await admin.client.get('/staff/sign-out')).statusCode, 404);
  });

  test('a setup link works once, and not after 30 minutes (first administrator)', async () => {
    const { app, clock } = await start();
    const link = await app.staffAccounts.firstAdminLink();
    assert.ok(link);
    const stale = await app.staffAccounts.firstAdminLink();
    assert.ok(stale && stale !== link);
    const oldUrl = new URL(link);
    assert.equal(
      (await staffClient(app).get(`${oldUrl.pathname}${oldUrl.search}`)).statusCode,
      410,
      'a newer link retires the old one',
    );

    clock.advance(31 * 60_000);
    const expiredUrl = new URL(stale);
    const expired = await staffClient(app).get(`${expiredUrl.pathname}${expiredUrl.search}`);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /expired/);

    const fresh = await app.staffAccounts.firstAdminLink();
    assert.ok(fresh);
    await completeSetup(app, fresh, clock, { email: 'first@clinic.example', displayName: 'First Admin' });
    const freshUrl = new URL(fresh);
    const reused = await staffClient(app).get(`${freshUrl.pathname}${freshUrl.search}`);
    assert.equal(reused.statusCode, 410);
    assert.match(reused.body, /already been used/);
    assert.equal(await app.staffAccounts.firstAdminLink(), null, 'no first-admin link once staff exist');
  });

  test('passwords: at least 12 characters, not a common one, not built on the email or clinic name', async () => {
    const { app, clock } = await start();
    const created = await app.staffAccounts.create(
      { kind: 'cli' },
      { email: 'jordan.rivera@clinic.example', displayName: 'Jordan Rivera', roles: ['front_desk'] },
    );
    assert.ok(created.ok);
    const client = staffClient(app);
    const url = new URL(created.value.link);
    await client.get(`${url.pathname}${url.search}`);
    const attempt = async (password: string, confirm = password) =>
      client.submit('/staff/setup', '/staff/setup/password', { password, confirm });
    assert.match((await attempt('short pass')).body, /at least 12 characters/);
    assert.match((await attempt('password1234')).body, /list of passwords that attackers try first/);
    assert.match((await attempt('qwertyuiop123!')).body, /list of passwords/);
    assert.match((await attempt('jordanrivera2026')).body, /Do not use your email address/);
    assert.match((await attempt(GOOD_PASSWORD, `${GOOD_PASSWORD}x`)).body, /not the same/);
    const long = 'a'.repeat(129);
    assert.match((await attempt(long)).body, /at most 128 characters/);
    // Spaces, symbols and any script are welcome, and nothing is cut off: 128 characters all count.
    const unicode = 'Ünïcödé passphrase — 秘密の庭 with spaces';
    assert.equal((await attempt(unicode)).statusCode, 303);
    void clock;
  });

  test('no password, token, code or TOTP key ever reaches a log line', async () => {
    const { app, clock, logs } = await start({ LOG_LEVEL: 'trace' });
    const member = await createStaffMember(app, clock, ['admin']);
    const client = await signIn(app, clock, member);
    await staffClient(app).submit('/staff/sign-in', '/staff/sign-in', {
      email: member.email,
      password: 'wrong wrong wrong',
    });
    await client.get('/staff/audit');
    const created = await app.staffAccounts.create(
      { kind: 'cli' },
      { email: 'x@clinic.example', displayName: 'X', roles: ['editor'] },
    );
    assert.ok(created.ok);
    const token = new URL(created.value.link).searchParams.get('token')!;
    await staffClient(app).get(`/staff/setup?token=${token}`);
    const text = logs.text;
    assert.ok(logs.lines.length > 10, 'the test saw the logs');
    for (const secret of [
      member.password,
      'wrong wrong wrong',
      member.secret,
      token,
      ...member.recoveryCodes,
      ...client.jar.cookies.values(),
    ]) {
      assert.equal(text.includes(secret), false, `a log line holds a secret (${secret.slice(0, 4)}…)`);
    }
    assert.equal(text.includes(totpCodeAt(member.secret, clock.ms - 30_000)), false);
  });
});
