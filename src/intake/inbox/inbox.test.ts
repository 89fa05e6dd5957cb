import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { appOnEachEngine } from '../../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, testClock } from '../../../test/helpers/staff.js';
import { sendRequestForm } from '../../../test/helpers/submissions.js';
import { neutralise } from './export.js';

const MARKER = `heron-${Math.random().toString(36).slice(2, 9)}`;

function has(body: string, pattern: RegExp | string, what = String(pattern)): void {
  assert.ok(
    typeof pattern === 'string' ? body.includes(pattern) : pattern.test(body),
    `expected the page to show ${what}`,
  );
}

async function submit(app: TestApp['app'], name: string, extra: Record<string, string> = {}) {
  const response = await sendRequestForm(app, {
    idempotency_key: `k-${name.replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}`,
    name,
    contact_method: 'phone',
    phone: '312 555 0177',
    location: 'lakeside',
    treatment: 'ketamine',
    message: `Please call after 5. ${MARKER}`,
    consent_privacy: 'yes',
    consent_contact: 'yes',
    ...extra,
  });
  assert.equal(response.statusCode, 303);
}

appOnEachEngine('the staff inbox', (_engine, it) => {
  it(
    'front desk finds a request, calls, notes and assigns it; every view and change is audited',
    { content: 'none' },
    async (testApp, clock) => {
      const { app } = testApp;
      const db = testApp.db.handle.db;
      await submit(app, 'Jordan Quill');
      await submit(app, 'Sam Other', { phone: '708 555 0111' });
      const desk = await createStaffMember(app, clock, ['front_desk']);
      const inbox = await desk.client.get('/staff/requests');
      assert.equal(inbox.statusCode, 200);
      has(inbox.body, 'Jordan Quill');
      has(inbox.body, 'New (2)');
      const byName = (await desk.client.get('/staff/requests?q=quill')).body;
      has(byName, 'Jordan Quill');
      assert.ok(!byName.includes('Sam Other'), 'a name search shows only matches');
      const byPhone = (await desk.client.get('/staff/requests?q=708-555')).body;
      has(byPhone, 'Sam Other');
      assert.ok(!byPhone.includes('Jordan Quill'));

      const id = /href="\/staff\/requests\/([0-9a-f-]{36})">Jordan Quill/.exec(inbox.body)?.[1];
      assert.ok(id);
      const page = await desk.client.get(`/staff/requests/${id}`);
      has(page.body, `Please call after 5. ${MARKER}`);
      has(page.body, 'tel:+13125550177');
      const csrf = csrfOf(page.body);
      has(
        (await desk.client.post(`/staff/requests/${id}/call`, { _csrf: csrf, outcome: 'reached' })).body,
        'Call recorded.',
      );
      const noted = await desk.client.post(`/staff/requests/${id}/notes`, {
        _csrf: csrf,
        note: `Prefers evenings ${MARKER}-note`,
      });
      has(noted.body, `note: Prefers evenings ${MARKER}-note`);
      has(
        (await desk.client.post(`/staff/requests/${id}/assign`, { _csrf: csrf, assignee: desk.id })).body,
        'Assignment saved.',
      );
      const after = (await desk.client.get(`/staff/requests/${id}`)).body;
      has(after, /<dt>Status<\/dt><dd>Contacted<\/dd>/);
      has(after, /<dt>Assigned to<\/dt><dd>Test front_desk<\/dd>/);

      const events = await db.selectFrom('appointment_request_events').selectAll().execute();
      assert.ok(!JSON.stringify(events).includes(`${MARKER}-note`), 'notes are sealed in the database');
      const audit = await db
        .selectFrom('audit_events')
        .select(['action', 'target_id', 'actor_id'])
        .where('action', 'like', 'request.%')
        .execute();
      const actions = audit.map((entry) => entry.action);
      for (const action of [
        'request.list',
        'request.view',
        'request.call',
        'request.note',
        'request.assign',
      ]) {
        assert.ok(actions.includes(action), `${action} is in the audit log`);
      }
      assert.ok(!JSON.stringify(audit).includes(MARKER) && !JSON.stringify(audit).includes('quill'));
      assert.ok(!testApp.logs.text.includes(MARKER), 'no request content in the logs');
    },
  );
});

describe('who may see requests, and the export', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('an editor cannot open the inbox; an admin exports a CSV with formulas neutralised, and it is audited', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    await submit(app, '=HYPERLINK("http://evil.example","click")');
    const editor = await createStaffMember(app, clock, ['editor']);
    assert.equal((await editor.client.get('/staff/requests')).statusCode, 403);
    const desk = await createStaffMember(app, clock, ['front_desk']);
    assert.equal((await desk.client.get('/staff/requests/export')).statusCode, 403);
    const admin = await createStaffMember(app, clock, ['admin']);
    const warning = await admin.client.get('/staff/requests/export');
    has(warning.body, /health information/);
    const csv = await admin.client.post('/staff/requests/export', { _csrf: csrfOf(warning.body) });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    assert.equal(csv.headers['cache-control'], 'no-store');
    has(csv.body, `"'=HYPERLINK(""http://evil.example"",""click"")"`, 'the formula neutralised');
    has(csv.body, MARKER);
    const exported = await testApp.db.handle.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.export')
      .execute();
    assert.equal(exported.length, 1);
    assert.equal(exported[0]!.actor_id, admin.id);
  });

  test('cells that spreadsheets would run are neutralised', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      assert.equal(neutralise(cell), `'${cell}`);
    for (const cell of ['Jordan', '312 555 0177', '', 'a=b']) assert.equal(neutralise(cell), cell);
  });
});
