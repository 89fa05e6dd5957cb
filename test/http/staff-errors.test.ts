import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createStaffMember, staffClient, testClock } from '../helpers/staff.js';

/**
 * Issue 13: a signed-in staff member refused a page in the staff area stays in the staff area: the 403 is a
 * staff page with the staff navigation and the way back, not the public site's error page.
 */

describe('errors in the staff area', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('a 403 is a staff page with the staff navigation; outside it, and signed out, the public page', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
    for (const path of ['/staff/users', '/staff/requests/export']) {
      const refused = await desk.client.get(path);
      assert.equal(refused.statusCode, 403, path);
      assert.match(refused.body, /<body class="staff">/, `${path}: the staff shell`);
      assert.match(refused.body, /<nav class="site-nav" aria-label="Staff">[\s\S]*href="\/staff\/requests"/);
      assert.match(refused.body, /<h1>That is not available to you<\/h1>/);
      assert.match(refused.body, /<a href="\/staff">Go to the staff home<\/a>/);
      assert.doesNotMatch(refused.body, /href="\/request-appointment"/, 'not the public error page');
    }
    const missing = await desk.client.get('/staff/no-such-page');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<body class="staff">/, 'a missing staff page keeps the staff shell too');

    const outside = await desk.client.get('/no-such-page');
    assert.equal(outside.statusCode, 404);
    assert.doesNotMatch(outside.body, /<body class="staff">/, 'the public site keeps its own page');
    const stranger = await staffClient(testApp.app).get('/staff/no-such-page');
    assert.doesNotMatch(stranger.body, /aria-label="Staff"/, 'no staff navigation for someone signed out');
  });
});
