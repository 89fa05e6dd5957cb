import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, signIn } from '../../test/helpers/staff.js';

/** ASVS 7.1.2: a cap on one person's sessions at once, and an administrator who can end them all. */

appOnEachEngine('staff session limits', (_engine, it) => {
  it(
    'a fourth sign-in ends the oldest of three sessions (the default), and the ending is audited',
    { content: 'none' },
    async ({ app, db }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const second = await signIn(app, clock, member);
      const third = await signIn(app, clock, member);
      assert.equal((await member.client.get('/staff')).statusCode, 200, 'three at once are allowed');
      const fourth = await signIn(app, clock, member);
      const oldest = await member.client.get('/staff');
      assert.equal(oldest.statusCode, 303, 'the oldest session ended');
      assert.equal(oldest.headers.location, '/staff/sign-in');
      for (const client of [second, third, fourth])
        assert.equal((await client.get('/staff')).statusCode, 200);
      const audited = await db.handle.db
        .selectFrom('audit_events')
        .select(['actor_id', 'target_type'])
        .where('action', '=', 'auth.session.limit')
        .execute();
      assert.deepEqual(audited, [{ actor_id: member.id, target_type: 'staff_session' }]);
    },
  );

  it(
    'HAVEN_SESSION_MAX_CONCURRENT=1: signing in on a second device ends the first; the settings page says so',
    { content: 'none', env: { HAVEN_SESSION_MAX_CONCURRENT: '1' } },
    async ({ app }, clock) => {
      const admin = await createStaffMember(app, clock, ['admin']);
      const elsewhere = await signIn(app, clock, admin);
      assert.equal((await admin.client.get('/staff')).statusCode, 303);
      const settings = await elsewhere.get('/staff/settings');
      assert.equal(settings.statusCode, 200);
      assert.match(settings.body, /Sessions one person may have at once/);
      assert.match(settings.body, /HAVEN_SESSION_MAX_CONCURRENT/);
      assert.match(settings.body, /1 session\b/);
    },
  );

  it(
    "an administrator ends one person's sessions everywhere and forgets their devices; audited",
    { content: 'none' },
    async ({ app, db }, clock) => {
      const admin = await createStaffMember(app, clock, ['admin']);
      const member = await createStaffMember(app, clock, ['front_desk']);
      const laptop = await signIn(app, clock, member);
      assert.ok(laptop.jar.cookies.has('__Host-haven_device'), 'the laptop was remembered');
      const page = await admin.client.get(`/staff/users/${member.id}`);
      assert.match(page.body, /End all sessions/);
      const forged = await admin.client.post(`/staff/users/${member.id}/end-sessions`, { _csrf: 'not-it' });
      assert.equal(forged.statusCode, 403, 'a forged form is refused');
      assert.equal((await laptop.get('/staff')).statusCode, 200, 'and ends nothing');

      const ended = await admin.client.post(`/staff/users/${member.id}/end-sessions`, {
        _csrf: csrfOf(page.body),
      });
      assert.equal(ended.statusCode, 200);
      assert.match(ended.body, /Every session of this person was ended/);
      for (const client of [member.client, laptop])
        assert.equal((await client.get('/staff')).statusCode, 303, 'signed out');
      assert.equal((await admin.client.get('/staff')).statusCode, 200, 'the administrator is not');
      const devices = await db.handle.db
        .selectFrom('staff_devices')
        .select('revoked_at')
        .where('user_id', '=', member.id)
        .execute();
      assert.ok(devices.length > 0 && devices.every((device) => device.revoked_at !== null));
      const audited = await db.handle.db
        .selectFrom('audit_events')
        .select(['actor_id', 'target_id', 'outcome'])
        .where('action', '=', 'user.end_sessions')
        .execute();
      assert.deepEqual(audited, [{ actor_id: admin.id, target_id: member.id, outcome: 'success' }]);

      // Someone without users:manage cannot do it.
      const other = await createStaffMember(app, clock, ['clinician']);
      const refused = await other.client.post(`/staff/users/${admin.id}/end-sessions`, {
        _csrf: csrfOf((await other.client.get('/staff')).body),
      });
      assert.equal(refused.statusCode, 403);
      assert.equal((await admin.client.get('/staff')).statusCode, 200);
    },
  );
});
