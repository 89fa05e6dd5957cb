import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { htmlValidityErrors } from '../helpers/html-validity.js';

const SECRET = 'SELECT secret_column FROM patients -- internal detail 7f3a';

describe('error pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({
      env: { HAVEN_RATE_LIMIT_PER_MINUTE: '20' },
      extraRoutes: (app) => {
        app.get('/test/explode', async () => {
          throw new Error(SECRET);
        });
        app.get('/api/test/explode', async () => {
          throw Object.assign(new Error(SECRET), { code: 'ER_PATIENTS_LOCKED', detail: 'row 42' });
        });
        app.post('/test/echo', async (request) => ({ length: JSON.stringify(request.body).length }));
      },
    });
  });
  after(() => t.close());

  test('a missing page is a helpful 404 in the site layout: search box, home link, phone number', async () => {
    const response = await t.app.inject('/treatments/no-such-thing?name=Jane');
    assert.equal(response.statusCode, 404);
    assert.match(response.headers['content-type'] as string, /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.match(response.body, /<h1>We could not find that page<\/h1>/);
    assert.match(response.body, /<label for="error-search">What would you like to find\?<\/label>/);
    assert.match(response.body, /<a href="\/">Go to the home page<\/a>/);
    assert.match(response.body, /href="tel:\+13125550142"/);
    assert.match(response.body, /<meta name="robots" content="noindex"/);
    assert.doesNotMatch(response.body, /no-such-thing|Jane/, 'the page does not echo the address');
  });

  test('a failure is a calm 500 page that leaks no message, stack or request detail, and is logged', async () => {
    const response = await t.app.inject('/test/explode?token=abc');
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Something went wrong on our side/);
    assert.match(response.body, /If you are in crisis/);
    for (const leak of [SECRET, 'patients', 'Error:', '    at ', '.ts:', 'explode', 'abc']) {
      assert.ok(!response.body.includes(leak), `the 500 page must not contain "${leak}"`);
    }
    const logged = t.logs.entries.find((entry) => entry.msg === 'request failed');
    assert.ok(logged, 'the failure is logged for the operator');
    assert.match(JSON.stringify(logged.err), /internal detail 7f3a/);
  });

  test('the 500 page offers the way home and the clinic phone number, is valid HTML, and echoes nothing sent', async () => {
    const response = await t.app.inject({
      url: '/test/explode?name=Jane+Roe',
      headers: { cookie: 'haven_session=s3cr3t-cookie', 'user-agent': 'Agent Jane Roe' },
    });
    assert.equal(response.statusCode, 500);
    assert.match(response.headers['content-type'] as string, /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const main = response.body.match(/<main[^>]*>([\s\S]*)<\/main>/)?.[1] ?? '';
    assert.match(main, /<a href="\/">Go to the home page<\/a>/);
    const { phone } = t.config.clinic;
    assert.ok(
      main.includes(`<a href="tel:${phone.dial}">${phone.display}</a>`),
      `the page offers a call to ${phone.display}`,
    );
    assert.deepEqual(await htmlValidityErrors(response.body, '500'), []);
    for (const leak of [SECRET, 'Jane', 'Roe', 's3cr3t', 'Agent', 'stack', '    at ', 'node_modules']) {
      assert.ok(!response.body.includes(leak), `the 500 page must not contain "${leak}"`);
    }
  });

  test('a handler that throws under /api/ answers a 500 JSON error with no stack or internal message', async () => {
    const response = await t.app.inject('/api/test/explode?token=abc');
    assert.equal(response.statusCode, 500);
    assert.match(response.headers['content-type'] as string, /^application\/json/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.deepEqual(response.json(), {
      error: { status: 500, message: 'Something went wrong on our side' },
    });
    for (const leak of [SECRET, 'patients', 'ER_PATIENTS_LOCKED', 'row 42', 'stack', ' at ', 'abc']) {
      assert.ok(!response.body.includes(leak), `the JSON error must not contain "${leak}"`);
    }
    const logged = t.logs.entries.find(
      (entry) => entry.msg === 'request failed' && JSON.stringify(entry.err).includes('ER_PATIENTS_LOCKED'),
    );
    assert.ok(logged, 'the failure is logged for the operator');
  });

  test('under /api/ errors are JSON with no internal detail', async () => {
    const missing = await t.app.inject('/api/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error: { status: 404, message: 'We could not find that page' } });
  });

  test('a body over the limit is refused with 413 before it is read into memory', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(70 * 1024) }),
    });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /That was too much to send at once/);
    const small = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'hello' } });
    assert.equal(small.statusCode, 200);
  });

  test('too many requests from one address get a 429 page that says to wait, with Retry-After', async () => {
    let response = await t.app.inject({ url: '/privacy', remoteAddress: '192.0.2.77' });
    for (let i = 0; i < 25 && response.statusCode !== 429; i++) {
      response = await t.app.inject({ url: '/privacy', remoteAddress: '192.0.2.77' });
    }
    assert.equal(response.statusCode, 429);
    assert.match(response.body, /Please wait a moment/);
    assert.ok(Number(response.headers['retry-after']) > 0);
    const someoneElse = await t.app.inject({ url: '/privacy', remoteAddress: '192.0.2.78' });
    assert.equal(someoneElse.statusCode, 200, 'the limit is per address');
    const health = await t.app.inject({ url: '/healthz', remoteAddress: '192.0.2.77' });
    assert.equal(health.statusCode, 200, 'health checks are never limited');
  });
});
