import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/helpers/app.js';
import { appOnEachEngine } from '../../../test/helpers/app-engines.js';
import { csrfOf } from '../../../test/helpers/staff.js';
import { personWithRequest } from '../../screening/test-person.js';

/**
 * A request form as a person fills it in, with the form's own token, sent with only these headers (no
 * Sec-Fetch-Site or Origin unless given, as an old browser sends it).
 */
async function sendForm(testApp: TestApp, headers: Record<string, string>, name = 'Remy Origin') {
  const page = (await testApp.app.inject({ url: '/request-appointment' })).body;
  const form = new URLSearchParams({
    _csrf: csrfOf(page),
    idempotency_key: `origin-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    name,
    contact_method: 'phone',
    phone: '312 555 0188',
    location: 'lakeside',
    treatment: 'tms',
    consent_privacy: 'yes',
    consent_contact: 'yes',
  });
  return testApp.app.inject({
    method: 'POST',
    url: '/request-appointment',
    headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form.toString(),
  });
}

const requestCount = async (testApp: TestApp) =>
  Number(
    (
      await testApp.db.handle.db
        .selectFrom('appointment_requests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** What a refused person reads: what happened, that nothing was kept, what to do, and the crisis lines. */
function assertRefusalPage(body: string): void {
  const text = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  assert.match(text, /We did not take this form/);
  assert.match(text, /nothing in it was saved or sent to the clinic/);
  assert.match(text, /go back to it and send it again/);
  assert.match(text, /call or text 988/i);
  assert.match(text, /911/);
}

appOnEachEngine('forms sent from another site', (_engine, it) => {
  it('the request form refuses a foreign Origin with a clear page and stores nothing', {
    content: 'none',
  }, async (testApp) => {
    const foreign = await sendForm(testApp, { origin: 'https://evil.example' }, 'Mallory Foreign');
    assert.equal(foreign.statusCode, 403);
    assertRefusalPage(foreign.body);
    assert.ok(!foreign.body.includes('Mallory Foreign'), 'nothing sent is echoed back');
    const nullOrigin = await sendForm(testApp, { origin: 'null' });
    assert.equal(nullOrigin.statusCode, 403, 'an opaque origin (a sandboxed frame) is foreign too');
    const crossSite = await sendForm(testApp, { 'sec-fetch-site': 'cross-site' });
    assert.equal(crossSite.statusCode, 403);
    assert.equal(await requestCount(testApp), 0);
    assert.ok(
      testApp.logs.entries.some((entry) => entry.reason === 'foreign_origin'),
      'the refusal is logged, without the form',
    );
    assert.doesNotMatch(testApp.logs.text, /Mallory/);
  });

  it('a missing Origin (an old browser) and our own Origin are taken', {
    content: 'none',
  }, async (testApp) => {
    assert.equal((await sendForm(testApp, {})).statusCode, 303, 'no headers at all');
    assert.equal((await sendForm(testApp, { origin: 'http://localhost:3000' })).statusCode, 303);
    assert.equal(
      (await sendForm(testApp, { origin: 'http://localhost' })).statusCode,
      303,
      'the address the request was sent to',
    );
    assert.equal(await requestCount(testApp), 3);
  });

  it('HAVEN_PUBLIC_URL and a trusted proxy name our own origin, an untrusted forwarded host does not', {
    content: 'none',
    env: { HAVEN_PUBLIC_URL: 'https://clinic.example', HAVEN_TRUST_PROXY: '127.0.0.1' },
  }, async (testApp) => {
    const published = await sendForm(testApp, { origin: 'https://clinic.example' });
    assert.equal(published.statusCode, 303, 'the public address');
    const proxied = await sendForm(testApp, {
      origin: 'https://haven.internal',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'haven.internal',
    });
    assert.equal(proxied.statusCode, 303, 'the address the trusted proxy says it was sent to');
    assert.equal(await requestCount(testApp), 2);
  });

  it('without a trusted proxy, forwarded headers do not make a foreign Origin our own', {
    content: 'none',
  }, async (testApp) => {
    const forged = await sendForm(testApp, {
      origin: 'https://evil.example',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil.example',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(await requestCount(testApp), 0);
  });

  it('a screening page sent from another site is refused and saves nothing', {
    content: 'none',
  }, async (testApp) => {
    const { person } = await personWithRequest(testApp);
    const path = '/screening/questions';
    const answers = { _section: 'phq-9', _group: 'phq9-page-1', 'phq9-1': '1', 'phq9-2': '1', 'phq9-3': '1' };
    const form = (await person.get(path)).body;
    const foreign = await person.post(
      path,
      { _csrf: csrfOf(form), ...answers },
      { origin: 'https://evil.example' },
    );
    assert.equal(foreign.statusCode, 403);
    assertRefusalPage(foreign.body);
    const finish = await person.post(
      '/screening/finish',
      { _csrf: csrfOf(form) },
      { origin: 'https://evil.example' },
    );
    assert.equal(finish.statusCode, 403);
    const db = testApp.db.handle.db;
    assert.deepEqual(await db.selectFrom('screening_responses').select('id').execute(), []);
    const own = await person.post(
      path,
      { _csrf: csrfOf(form), ...answers },
      { origin: 'http://localhost:3000' },
    );
    assert.equal(own.statusCode, 303, 'the same page from our own origin is saved');
    assert.equal((await db.selectFrom('screening_responses').select('id').execute()).length, 1);
  });
});
