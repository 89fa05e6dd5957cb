import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { csrfOf, staffClient } from '../../test/helpers/staff.js';
import { sendRequestForm } from '../../test/helpers/submissions.js';

const MARKER = `zebra-${Math.random().toString(36).slice(2, 10)}`;

function goodForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: `Robin ${MARKER}`,
    contact_method: 'phone',
    phone: '(312) 555-0199',
    email: `robin.${MARKER}@Example.ORG`,
    dob: '1990-04-12',
    location: 'lakeside',
    treatment: 'tms',
    concerns: ['depression', 'anxiety'],
    message: `I have tried three medicines. ${MARKER} <script>alert(1)</script>`,
    times: 'weekday mornings',
    referral: 'my doctor',
    insurance: 'Blue Example',
    referrer: 'Dr. Example',
    consent_privacy: 'yes',
    consent_contact: 'yes',
    idempotency_key: `key-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    ...overrides,
  };
}

/** Like assert.match, without printing a whole page when it fails. */
function has(body: string, pattern: RegExp, what = String(pattern)): void {
  assert.ok(pattern.test(body), `expected the page to show ${what}`);
}

function hasNot(body: string, pattern: RegExp, what = String(pattern)): void {
  assert.ok(!pattern.test(body), `expected the page not to show ${what}`);
}

describe('the request form', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('is one uncached page that works without JavaScript, prefilled only with treatment and location', async () => {
    testApp = await buildTestApp({ content: 'none' });
    const page = await testApp.app.inject({
      url: '/request-appointment?treatment=ketamine&location=oak-park&name=Eve',
    });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    has(page.body, /<form method="post" action="\/request-appointment"/);
    has(page.body, /id="treatment" name="treatment" value="ketamine" checked/);
    has(page.body, /value="oak-park" checked/);
    hasNot(page.body, /value="Eve"/, 'no other field comes from the address');
    assert.match(page.body.replace(/<[^>]+>/g, ''), /call or text 988/i, 'the crisis line is on the page');
  });

  test('the honeypot and a forged or expired form store nothing, and the person keeps their answers', async () => {
    testApp = await buildTestApp({ content: 'none' });
    const robot = await sendRequestForm(testApp.app, goodForm({ website: 'http://spam.example' }));
    assert.equal(robot.statusCode, 303, 'a robot sees success');
    const forged = await staffClient(testApp.app).post('/request-appointment', {
      ...goodForm(),
      _csrf: '1999999999999.bad',
    });
    assert.equal(forged.statusCode, 200);
    has(forged.body, /send it again. Your answers are still here/);
    assert.ok(forged.body.includes(`Robin ${MARKER}`));
    const count = await testApp.db.handle.db
      .selectFrom('appointment_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('too many submissions from one address get a clear message and keep the answers', async () => {
    testApp = await buildTestApp({ content: 'none' });
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 11; i += 1) {
      const response = await sendRequestForm(testApp.app, goodForm({ name: '' }));
      statuses.push(response.statusCode);
      last = response.body;
    }
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.equal(statuses[10], 429);
    assert.match(last, /Please wait ten minutes and send again, or call us/);
    assert.ok(last.includes(`I have tried three medicines. ${MARKER}`));
  });

  test('when the database is away the person sees the phone number and keeps every answer', async () => {
    testApp = await buildTestApp({ content: 'none' });
    const page = (await staffClient(testApp.app).get('/request-appointment')).body;
    await testApp.db.handle.db.schema.dropTable('appointment_request_events').execute();
    await testApp.db.handle.db.schema.dropTable('appointment_requests').execute();
    const response = await staffClient(testApp.app).post('/request-appointment', {
      _csrf: csrfOf(page),
      ...goodForm(),
    });
    assert.equal(response.statusCode, 503);
    has(response.body, /We could not save your request just now/);
    has(response.body, /\(312\) 555-0142/);
    assert.ok(response.body.includes(`robin.${MARKER}@Example.ORG`));
    assert.doesNotMatch(testApp.logs.text, new RegExp(MARKER));
  });
});

appOnEachEngine('storing a request', (engine, it) => {
  it('is acknowledged only after it is stored sealed with its audit entry, once per idempotency key', {
    content: 'none',
  }, async (testApp) => {
    const { app } = testApp;
    const db = testApp.db.handle.db;
    const form = goodForm({ dob: '2010-06-01' });
    const first = await sendRequestForm(app, form);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/request-appointment/received', 'nothing personal in the address');
    const again = await sendRequestForm(app, form);
    assert.equal(again.statusCode, 303);
    const rows = await db.selectFrom('appointment_requests').selectAll().execute();
    assert.equal(rows.length, 1, 'a resubmission with the same key is the same request');
    const row = rows[0]!;
    assert.equal(row.status, 'new');
    assert.equal(row.location, 'lakeside');
    assert.equal(row.treatment, 'tms');
    assert.equal(row.contact_method, 'phone');
    assert.equal(Number(row.concerns_minor), 1, 'a date of birth under 18 marks the request');
    assert.ok(!JSON.stringify(row).includes(MARKER), 'no submitted value in plaintext in the row');
    assert.match(row.sealed, /^v1\./);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.create')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.target_id, row.id);
    assert.ok(!JSON.stringify(audit).includes(MARKER));
    if (engine === 'sqlite' && testApp.db.config.engine === 'sqlite') {
      for (const path of [testApp.db.config.file, `${testApp.db.config.file}-wal`].filter((p) =>
        existsSync(p),
      )) {
        assert.equal(readFileSync(path).includes(MARKER), false, `${path} holds no submitted value`);
      }
    }
    assert.doesNotMatch(testApp.logs.text, new RegExp(MARKER), 'no submitted value in any log line');
  });
});
