import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { createStaffMember, type StaffClient, staffClient, testClock } from '../../test/helpers/staff.js';
import type { Access } from './http/access.js';
import { permissionsOf, ROLES, type Role } from './permissions.js';

/**
 * Walks every route Fastify has registered and checks each against the permission table, for an anonymous
 * visitor, each role alone and a disabled account. A new route without a rule fails at start-up (and so
 * here); a route whose rule is not enforced fails below.
 */

type Actor = { name: string; roles: Role[] | null; client: StaffClient };

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

describe('authorization: every route against the permission table', () => {
  const clock = testClock();
  let testApp: TestApp;
  const actors: Actor[] = [];

  before(async () => {
    testApp = await buildTestApp({ now: clock.now });
    const { app } = testApp;
    actors.push({ name: 'anonymous', roles: null, client: staffClient(app) });
    for (const role of ROLES) {
      const member = await createStaffMember(app, clock, [role]);
      actors.push({ name: role, roles: [role], client: member.client });
    }
    const disabled = await createStaffMember(app, clock, ['admin']);
    const admin = await app.staffAccounts.findByEmail({ kind: 'cli' }, disabled.email);
    assert.ok(admin);
    assert.ok((await app.staffAccounts.disable({ kind: 'cli' }, admin.id)).ok);
    actors.push({ name: 'disabled admin', roles: null, client: disabled.client });
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

  test('each actor reaches exactly the routes its roles allow', async () => {
    const checked: string[] = [];
    for (const rule of testApp.app.routeRules) {
      if (rule.method === 'HEAD' || rule.method === 'OPTIONS') continue;
      for (const actor of actors) {
        const url = concrete(rule.url);
        const response =
          rule.method === 'GET'
            ? await actor.client.get(url)
            : // No CSRF token: a refused request must be refused for access before anything else.
              await actor.client.post(url, {});
        const may = allowed(rule.access, actor.roles);
        // A public page may itself send someone to sign in (the code page without a password first);
        // elsewhere that redirect is the access rule at work.
        const denied =
          response.statusCode === 401 ||
          response.statusCode === 403 ||
          (rule.access !== 'public' &&
            response.statusCode === 303 &&
            response.headers.location === '/staff/sign-in');
        if (may) {
          // Allowed: whatever the answer (a form error, a 404 for the sample id), it is not "no access"
          // unless it is the CSRF check refusing a token-less form.
          const csrfRefusal = response.statusCode === 403 && /This form has expired/.test(response.body);
          const signInRefusal =
            rule.access === 'public' && response.statusCode === 401 && /sign-in/.test(rule.url);
          assert.ok(
            !denied || csrfRefusal || signInRefusal,
            `${actor.name} should reach ${rule.method} ${rule.url}, got ${response.statusCode}`,
          );
        } else {
          assert.ok(
            denied,
            `${actor.name} must not reach ${rule.method} ${rule.url}, got ${response.statusCode}`,
          );
          assert.doesNotMatch(response.body, /audit entries|Staff accounts/i);
        }
        checked.push(`${actor.name} ${rule.method} ${rule.url}`);
      }
    }
    assert.ok(checked.length > 100);
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
