import assert from 'node:assert/strict';
import { answer, personWithRequest } from '../../src/screening/test-person.js';
import { appOnEachEngine } from '../helpers/app-engines.js';
import { createStaffMember, csrfOf } from '../helpers/staff.js';

/**
 * Every object inherits `toString`, `constructor` and `__proto__`. A submitted value checked with `in` or
 * looked up as `TABLE[value]` finds them, so each is sent here wherever a value picks from a fixed list
 * (a call outcome, a status, a role, a treatment, a questionnaire answer, a safety outcome): each must be
 * refused with its message and leave nothing recorded.
 */
const INHERITED = ['toString', '__proto__', 'constructor'];

appOnEachEngine('names every object inherits, sent as form values', (_engine, it) => {
  it('are refused in the staff area and record nothing', { content: 'none' }, async (testApp, clock) => {
    const { app } = testApp;
    const db = testApp.db.handle.db;
    const { requestId } = await personWithRequest(testApp);
    const admin = await createStaffMember(app, clock, ['admin']);
    const eventsBefore = await db.selectFrom('appointment_request_events').select('kind').execute();
    for (const name of INHERITED) {
      const page = (await admin.client.get(`/staff/requests/${requestId}`)).body;
      const call = await admin.client.post(`/staff/requests/${requestId}/call`, {
        _csrf: csrfOf(page),
        outcome: name,
      });
      assert.equal(call.statusCode, 400, `call outcome ${name}`);
      assert.ok(call.body.includes('Choose a call outcome.'), `call outcome ${name} is named`);
      const status = await admin.client.post(`/staff/requests/${requestId}/status`, {
        _csrf: csrfOf(page),
        status: name,
      });
      assert.equal(status.statusCode, 400, `status ${name}`);
      const safety = await admin.client.post(`/staff/requests/${requestId}/safety`, {
        _csrf: csrfOf(page),
        outcome: name,
      });
      assert.equal(safety.statusCode, 400, `safety outcome ${name}`);
      const users = (await admin.client.get('/staff/users')).body;
      const email = `inherited-${name.replace(/_/g, '')}@clinic.example`;
      const created = await admin.client.post('/staff/users', {
        _csrf: csrfOf(users),
        displayName: 'Role Probe',
        email,
        roles: name,
      });
      assert.equal(created.statusCode, 400, `role ${name}`);
      assert.equal(await app.staffAccounts.findByEmail({ kind: 'cli' }, email), null, `no user with ${name}`);
    }
    const eventsAfter = await db.selectFrom('appointment_request_events').select('kind').execute();
    assert.deepEqual(eventsAfter, eventsBefore, 'no call, status or safety event was recorded');
    const request = await db
      .selectFrom('appointment_requests')
      .select('status')
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    assert.equal(request.status, 'new');
  });

  it('are refused on the public forms and store nothing', { content: 'none' }, async (testApp) => {
    const db = testApp.db.handle.db;
    const { person } = await personWithRequest(testApp);
    const before = await db.selectFrom('appointment_requests').select('id').execute();
    for (const name of INHERITED) {
      const form = (await person.get('/request-appointment')).body;
      const sent = await person.post('/request-appointment', {
        _csrf: csrfOf(form),
        idempotency_key: `inherited-${name.replace(/_/g, '')}-key-0001`,
        name: 'Casey Probe',
        contact_method: name,
        phone: '312 555 0101',
        location: name,
        treatment: name,
        concerns: name,
        consent_privacy: 'yes',
        consent_contact: 'yes',
        [name]: 'as a field name too',
      });
      assert.equal(sent.statusCode, 200, `the form comes back for ${name}`);
      assert.match(sent.body, /class="error-summary"/, `the form names its problems for ${name}`);
      const answered = await answer(
        person,
        { section: 'phq-9', group: 'phq9-page-1' },
        {
          'phq9-1': name,
          'phq9-2': '0',
          'phq9-3': '0',
          [name]: '1',
        },
      );
      assert.equal(answered.statusCode, 200, `the questions come back for ${name}`);
      assert.match(answered.body, /Choose one of the answers to/, `the answer is named for ${name}`);
    }
    assert.deepEqual(await db.selectFrom('appointment_requests').select('id').execute(), before);
    assert.deepEqual(await db.selectFrom('screening_responses').select('id').execute(), []);
  });
});
