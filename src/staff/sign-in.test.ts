import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, staffClient, testClock } from '../../test/helpers/staff.js';
import { totpCodeAt } from './mfa/totp.js';

appOnEachEngine('staff sign-in', (_engine, it) => {
  it(
    'a password alone gives no session; the code from the authenticator does',
    { content: 'none' },
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const client = staffClient(app);
      const afterPassword = await client.submit('/staff/sign-in', '/staff/sign-in', {
        email: member.email,
        password: member.password,
      });
      assert.equal(afterPassword.statusCode, 303);
      assert.equal(afterPassword.headers.location, '/staff/sign-in/code');
      assert.equal(
        client.jar.cookies.has('__Host-haven_session'),
        false,
        'no session cookie before the code',
      );
      assert.equal(
        (await client.get('/staff')).statusCode,
        303,
        'the staff area still sends them to sign in',
      );

      const code = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', {
        code: totpCodeAt(member.secret, clock.ms),
      });
      assert.equal(code.statusCode, 303);
      const cookie = (
        code.cookies as {
          name: string;
          secure?: boolean;
          httpOnly?: boolean;
          sameSite?: string;
          path?: string;
        }[]
      ).find((c) => c.name === '__Host-haven_session');
      assert.ok(cookie, 'the session cookie is set after the code');
      assert.equal(cookie.secure, true);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      const home = await client.get('/staff');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Hello, Test front_desk/);
      assert.equal(home.headers['cache-control'], 'no-store');
      assert.equal(home.headers['x-robots-tag'], 'noindex, nofollow');
    },
  );

  it(
    'a wrong password, an unknown email, a disabled account and a wrong code all get the same answers',
    { content: 'none' },
    async ({ app, db }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const disabled = await createStaffMember(app, clock, ['front_desk']);
      assert.ok((await app.staffAccounts.disable({ kind: 'cli' }, disabled.id)).ok);
      const valid = [-30_000, 0, 30_000].map((drift) => totpCodeAt(member.secret, clock.ms + drift));
      const wrongCode = ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code))!;
      /** Both steps as a person sees them: the password's answer, then the code's. */
      const attempt = async (email: string, password: string) => {
        const client = staffClient(app);
        const first = await client.submit('/staff/sign-in', '/staff/sign-in', { email, password });
        const code = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', { code: wrongCode });
        return { client, first, code };
      };
      const outcomes = [
        await attempt(member.email, 'not the password at all'),
        await attempt('nobody@clinic.example', member.password),
        await attempt(disabled.email, disabled.password),
        await attempt(member.email, member.password),
      ];
      const message = (body: string) => /<li><a href="#code">([^<]+)</.exec(body)?.[1];
      for (const { client, first, code } of outcomes) {
        assert.equal(first.statusCode, 303, 'every password answer leads to the code page');
        assert.equal(first.headers.location, '/staff/sign-in/code');
        assert.equal(code.statusCode, 401);
        assert.equal(message(code.body), message(outcomes[0]!.code.body), 'the same words every time');
        assert.equal(client.jar.cookies.has('__Host-haven_session'), false, 'no session');
      }
      assert.match(String(message(outcomes[0]!.code.body)), /email address, password or code is not right/);
      // The clinic's audit log keeps the real reasons apart.
      const reasons = await db.handle.db
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('outcome', '=', 'failure')
        .where('action', 'in', ['auth.login', 'auth.mfa'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        reasons.map((event) => `${event.action} ${(JSON.parse(event.details) as { reason: string }).reason}`),
        [
          'auth.login bad_password',
          'auth.mfa after_failed_password',
          'auth.login unknown_account',
          'auth.mfa after_failed_password',
          'auth.login disabled',
          'auth.mfa after_failed_password',
          'auth.mfa bad_or_reused_code',
        ],
      );
      // The decoy after a wrong password never passes, even with the account's right code.
      const decoy = staffClient(app);
      await decoy.submit('/staff/sign-in', '/staff/sign-in', {
        email: member.email,
        password: 'wrong wrong wrong',
      });
      clock.advance(30_000);
      const right = await decoy.submit('/staff/sign-in/code', '/staff/sign-in/code', {
        code: totpCodeAt(member.secret, clock.ms),
      });
      assert.equal(right.statusCode, 401);
      assert.equal(decoy.jar.cookies.has('__Host-haven_session'), false);
    },
  );

  it(
    'a wrong code, a code already used and a wrong recovery code all get the same answer, and no session',
    { content: 'none' },
    async ({ app, db }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      // A code no step within the accepted drift shows, and the code setup was confirmed with.
      const valid = [-30_000, 0, 30_000].map((drift) => totpCodeAt(member.secret, clock.ms + drift));
      const wrong = ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code))!;
      const used = totpCodeAt(member.secret, clock.ms - 30_000);
      const answers: (string | undefined)[] = [];
      for (const code of [wrong, used, 'abcd-efgh-jkmn']) {
        const client = staffClient(app);
        const password = await client.submit('/staff/sign-in', '/staff/sign-in', {
          email: member.email,
          password: member.password,
        });
        assert.equal(password.statusCode, 303);
        const response = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', { code });
        assert.equal(response.statusCode, 401, `${code} is refused`);
        assert.equal(client.jar.cookies.has('__Host-haven_session'), false, 'no session');
        answers.push(/<li><a href="#code">([^<]+)</.exec(response.body)?.[1]);
      }
      assert.ok(answers[0], 'the code page says the code was not right');
      assert.equal(new Set(answers).size, 1, 'it does not say which kind of code was wrong');
      // The audit log tells the three apart for the clinic; the person at the keyboard is not told.
      const reasons = await db.handle.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'auth.mfa')
        .where('outcome', '=', 'failure')
        .execute();
      assert.deepEqual(
        reasons.map((event) => (JSON.parse(event.details) as { reason: string }).reason),
        ['bad_or_reused_code', 'bad_or_reused_code', 'bad_recovery_code'],
      );
    },
  );

  it(
    'a TOTP code works once: the same code again is refused',
    { content: 'none' },
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['editor']);
      const code = totpCodeAt(member.secret, clock.ms);
      const first = staffClient(app);
      await first.submit('/staff/sign-in', '/staff/sign-in', {
        email: member.email,
        password: member.password,
      });
      assert.equal(
        (await first.submit('/staff/sign-in/code', '/staff/sign-in/code', { code })).statusCode,
        303,
      );
      const second = staffClient(app);
      await second.submit('/staff/sign-in', '/staff/sign-in', {
        email: member.email,
        password: member.password,
      });
      const replay = await second.submit('/staff/sign-in/code', '/staff/sign-in/code', { code });
      assert.equal(replay.statusCode, 401);
      assert.match(replay.body, /email address, password or code is not right/);
      assert.equal(second.jar.cookies.has('__Host-haven_session'), false);
    },
  );

  it('a recovery code signs in once and is then spent', { content: 'none' }, async ({ app }, clock) => {
    const member = await createStaffMember(app, clock, ['admin']);
    const recovery = member.recoveryCodes[0]!;
    const client = staffClient(app);
    await client.submit('/staff/sign-in', '/staff/sign-in', {
      email: member.email,
      password: member.password,
    });
    const used = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', {
      code: recovery.toUpperCase(),
    });
    assert.equal(used.statusCode, 303);
    assert.equal(used.headers.location, '/staff/account?recovery-code-used=1');
    const again = staffClient(app);
    await again.submit('/staff/sign-in', '/staff/sign-in', {
      email: member.email,
      password: member.password,
    });
    assert.equal(
      (await again.submit('/staff/sign-in/code', '/staff/sign-in/code', { code: recovery })).statusCode,
      401,
    );
  });
});

describe('staff sign-in needs TLS', () => {
  test('over plain http on a public address, sign-in is refused with a message that says how to add TLS', async () => {
    const clock = testClock();
    const testApp = await buildTestApp({ now: clock.now, content: 'none' });
    try {
      const { app } = testApp;
      const member = await createStaffMember(app, clock, ['front_desk']);
      const page = await app.inject({
        method: 'GET',
        url: '/staff/sign-in',
        headers: { host: 'clinic.example' },
      });
      assert.match(page.body, /needs a secure \(https\) connection/);
      const attempt = await app.inject({
        method: 'POST',
        url: '/staff/sign-in',
        headers: { host: 'clinic.example', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrfOf(page.body),
          email: member.email,
          password: member.password,
        }).toString(),
      });
      assert.equal(attempt.statusCode, 403);
      assert.match(attempt.body, /TLS reverse proxy/);
      assert.equal(attempt.cookies.length, 0, 'no challenge cookie over plain http');
    } finally {
      await testApp.close();
    }
  });
});
