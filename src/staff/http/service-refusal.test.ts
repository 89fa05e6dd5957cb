import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createStaffMember, testClock } from '../../../test/helpers/staff.js';
import { ForbiddenError } from '../permissions.js';

let testApp: TestApp | undefined;
afterEach(() => testApp?.close());

test('a refusal from a service, below a route that let the person in, answers 403 and is audited', async () => {
  const clock = testClock();
  testApp = await buildTestApp({
    now: clock.now,
    content: 'none',
    extraRoutes: (app) => {
      // The route admits anyone who may list requests; the service behind it wants more.
      app.get('/staff/test-service-refusal', { config: { access: { permission: 'requests:list' } } }, () => {
        throw new ForbiddenError('screening:read');
      });
    },
  });
  const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
  const response = await desk.client.get('/staff/test-service-refusal');
  assert.equal(response.statusCode, 403, 'not a 500: nothing failed, the person may not do this');
  assert.match(response.body, /You do not have access|not allowed|permission/i);
  assert.ok(!response.body.includes('screening:read'), 'the page does not name internals');
  const denied = await testApp.db.handle.db
    .selectFrom('audit_events')
    .select(['actor_id', 'outcome', 'target_id', 'details'])
    .where('action', '=', 'access.denied')
    .execute();
  assert.equal(denied.length, 1);
  assert.equal(denied[0]?.actor_id, desk.id);
  assert.equal(denied[0]?.outcome, 'denied');
  assert.equal(denied[0]?.target_id, 'GET /staff/test-service-refusal');
  assert.match(String(denied[0]?.details), /screening:read/);
  assert.ok(
    !testApp.logs.entries.some((entry) => entry.level === 50),
    'a refusal is not logged as a server error',
  );
});
