import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  type StaffMember,
  signIn,
  staffClient,
  testClock,
} from '../../test/helpers/staff.js';
import { type Access, SESSION_COOKIE } from './http/access.js';
import { permissionsOf, ROLES, type Role } from './permissions.js';

/**
 * Walks every route Fastify has registered and checks each against the permission table, for an anonymous
 * visitor, each role alone and a disabled account. A new route without a rule fails at start-up (and so
 * here); a route whose rule is not enforced fails below.
 *
 * Forms are sent as the staff member's own browser sends them, with the session's anti-forgery token, so a
 * refusal has to come from the access rule: the CSRF check also answers 403, and counting that as "denied"
 * would hide a POST route that checks no permission at all.
 */

interface Actor {
  name: string;
  roles: Role[] | null;
  member: StaffMember | null;
  client: StaffClient;
  /** The synchronizer token of the actor's session (for the disabled account: of the session it had). */
  csrf: string;
}

const SAMPLE_ID = '01936b2a-0000-7000-8000-000000000000';

/** A concrete URL for a route pattern: parameters get a well-formed id, wildcards a plain word. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z]+/g, SAMPLE_ID).replace(/\*/g, 'x');
}

function allowed(access: Access, roles: Role[] | null): boolean {
  if (access === 'public') return true;
  if (roles === null) return false;
  if (access === 'signed_in') return true;
  return permissionsOf(roles).has(access.permission);
}

/**
 * What an answer means for access: sent to sign in, refused for lack of a permission, refused as a forged or
 * stale form, a failure on our side, or anything else (a page, a form error, a 404 for the sample id).
 */
type Answer = 'sign_in' | 'not_available' | 'form_expired' | 'server_error' | 'answered';

function answerOf(response: LightMyRequestResponse): Answer {
  const { statusCode: status, body } = response;
  if (status >= 500) return 'server_error';
  if (status === 303 && response.headers.location === '/staff/sign-in') return 'sign_in';
  // The refusal is the error page (or its JSON under /api/), never a staff page with a form error on it.
  const errorPage = body.includes('Other ways to get help') || body.startsWith('{"error":');
  if (status === 401 && errorPage) return 'sign_in';
  if (status === 403 && errorPage && body.includes('That is not available to you')) return 'not_available';
  if (status === 403 && errorPage && body.includes('This form has expired')) return 'form_expired';
  return 'answered';
}

describe('authorization: every route against the permission table', () => {
  const clock = testClock();
  let testApp: TestApp;
  const actors: Actor[] = [];

  const sessionToken = async (client: StaffClient) => csrfOf((await client.get('/staff')).body);

  before(async () => {
    // Several hundred requests from one address: more than the site-wide budget a minute.
    testApp = await buildTestApp({ now: clock.now, env: { HAVEN_RATE_LIMIT_PER_MINUTE: '100000' } });
    const { app } = testApp;
    actors.push({ name: 'anonymous', roles: null, member: null, client: staffClient(app), csrf: '' });
    for (const role of ROLES) {
      const member = await createStaffMember(app, clock, [role]);
      const csrf = await sessionToken(member.client);
      actors.push({ name: role, roles: [role], member, client: member.client, csrf });
    }
    const disabled = await createStaffMember(app, clock, ['admin']);
    const csrf = await sessionToken(disabled.client);
    assert.ok((await app.staffAccounts.disable({ kind: 'cli' }, disabled.id)).ok);
    actors.push({ name: 'disabled admin', roles: null, member: null, client: disabled.client, csrf });
  });
  after(() => testApp.close());

  test('every route has a rule, and the staff area has no public page beyond signing in and setup', () => {
    const rules = testApp.app.routeRules;
    assert.ok(rules.length > 20, `found ${rules.length} routes`);
    const publicStaff = rules
      .filter(
        (rule) =>
          rule.access === 'public' && (rule.url.startsWith('/staff') || rule.url.startsWith('/api/staff')),
      )
      .map((rule) => rule.url);
    for (const url of publicStaff) assert.match(url, /^\/staff\/(sign-in|setup)/, `${url} is public`);
  });

  test('each actor reaches exactly the routes its roles allow, and each refusal is the access rule', async () => {
    const { app } = testApp;
    const checked: string[] = [];
    const deniedStaff = new Set<string>();
    for (const rule of app.routeRules) {
      if (rule.method === 'HEAD' || rule.method === 'OPTIONS') continue;
      for (const actor of actors) {
        const url = concrete(rule.url);
        const response =
          rule.method === 'GET'
            ? await actor.client.get(url)
            : await actor.client.post(url, actor.csrf ? { _csrf: actor.csrf } : {});
        const answer = answerOf(response);
        const what = `${actor.name} ${rule.method} ${rule.url}: ${response.statusCode} (${answer})`;
        if (allowed(rule.access, actor.roles)) {
          // Whatever the answer (a form error, a 404 for the sample id), it is not "no access" and not a
          // crash. A public page may itself send someone to sign in (the code page without a password
          // first). Public forms carry a token made for that one form, which the session's token is not:
          // a CSRF refusal there says nothing about access, which is open to all.
          const fine =
            answer === 'answered' ||
            (rule.access === 'public' && (answer === 'sign_in' || answer === 'form_expired'));
          assert.ok(fine, `${what}: its rule lets this actor in, so it must be reachable`);
        } else {
          const expected = actor.roles === null ? 'sign_in' : 'not_available';
          assert.equal(answer, expected, `${what}: must be refused by the access rule`);
          assert.doesNotMatch(response.body, /audit entries|Staff accounts/i);
          if (actor.member) deniedStaff.add(`${actor.member.id} ${rule.method} ${rule.url}`);
        }
        // Signing out (or out everywhere) ends the session the walk goes on with: sign in again.
        if (actor.member && !actor.client.jar.cookies.has(SESSION_COOKIE)) {
          actor.client = await signIn(app, clock, actor.member);
          actor.csrf = await sessionToken(actor.client);
        }
        checked.push(what);
      }
    }
    assert.ok(checked.length > 100);

    // Every refusal of a signed-in person was the access rule at work, and is in the audit log as such.
    const recorded = new Set(
      (
        await testApp.db.handle.db
          .selectFrom('audit_events')
          .select(['actor_id', 'target_id'])
          .where('action', '=', 'access.denied')
          .execute()
      ).map((event) => `${event.actor_id} ${event.target_id}`),
    );
    const missing = [...deniedStaff].filter((denial) => !recorded.has(denial));
    assert.deepEqual(missing, [], 'each refusal is audited as access.denied');
    assert.ok(deniedStaff.size > 20);
  });

  test('a refused staff member is recorded in the audit log', async () => {
    const frontDesk = actors.find((actor) => actor.name === 'front_desk')!;
    assert.equal((await frontDesk.client.get('/staff/users')).statusCode, 403);
    const admin = actors.find((actor) => actor.name === 'admin')!;
    const audit = await admin.client.get('/staff/audit?action=access.denied');
    assert.equal(audit.statusCode, 200);
    assert.match(audit.body, /access\.denied/);
    assert.match(audit.body, /GET \/staff\/users/);
  });
});
