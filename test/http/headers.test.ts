import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** Every kind of response carries the same security headers: HTML, JSON, assets, 404 and 500 pages. */
describe('security headers', () => {
  let t: TestApp;
  let https: TestApp;
  before(async () => {
    const extraRoutes = (app: TestApp['app']) => {
      app.get('/test/explode', async () => {
        throw new Error('boom');
      });
    };
    t = await buildTestApp({ extraRoutes });
    https = await buildTestApp({ env: { HAVEN_PUBLIC_URL: 'https://clinic.example.org' } });
  });
  after(async () => {
    await t.close();
    await https.close();
  });

  function assertSecure(response: LightMyRequestResponse, label: string) {
    const csp = String(response.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
    );
    assert.equal(directives.get('default-src'), "'self'", `${label}: default-src`);
    assert.equal(directives.get('script-src'), "'self'", `${label}: scripts only from Haven, none inline`);
    assert.equal(directives.get('style-src'), "'self'", `${label}: styles only from Haven`);
    assert.equal(directives.get('object-src'), "'none'", label);
    assert.equal(directives.get('base-uri'), "'none'", label);
    assert.equal(directives.get('frame-ancestors'), "'none'", label);
    assert.doesNotMatch(
      csp,
      /unsafe-inline|unsafe-eval|https?:|\*/,
      `${label}: no other origin and nothing unsafe`,
    );
    assert.equal(response.headers['referrer-policy'], 'strict-origin-when-cross-origin', label);
    assert.match(
      String(response.headers['permissions-policy']),
      /camera=\(\).*geolocation=\(\).*microphone=\(\)/,
      label,
    );
    assert.equal(response.headers['x-content-type-options'], 'nosniff', label);
    assert.equal(response.headers['x-frame-options'], 'DENY', label);
  }

  test('on an HTML page, a JSON answer, an asset, a 404 and a 500', async () => {
    const home = await t.app.inject('/');
    assert.equal(home.statusCode, 200);
    const asset = home.body.match(/href="(\/assets\/site\.[^"]+\.css)"/)?.[1];
    assert.ok(asset, 'the page links its stylesheet');
    const responses = {
      html: home,
      json: await t.app.inject('/healthz'),
      asset: await t.app.inject(asset),
      notFound: await t.app.inject('/no-such-page'),
      apiNotFound: await t.app.inject('/api/no-such-thing'),
      error: await t.app.inject('/test/explode'),
    };
    assert.equal(responses.json.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(responses.asset.statusCode, 200);
    assert.equal(responses.notFound.statusCode, 404);
    assert.equal(responses.apiNotFound.statusCode, 404);
    assert.equal(responses.error.statusCode, 500);
    for (const [label, response] of Object.entries(responses)) assertSecure(response, label);
  });

  test('HSTS and upgrade-insecure-requests only when Haven is published over https', async () => {
    const plain = await t.app.inject('/');
    assert.equal(plain.headers['strict-transport-security'], undefined);
    assert.doesNotMatch(String(plain.headers['content-security-policy']), /upgrade-insecure-requests/);
    const secure = await https.app.inject('/');
    assert.match(String(secure.headers['strict-transport-security']), /max-age=63072000; includeSubDomains/);
    assert.match(String(secure.headers['content-security-policy']), /upgrade-insecure-requests/);
    const canonical = secure.body.match(/<link rel="canonical" href="([^"]+)"/)?.[1];
    assert.equal(canonical, 'https://clinic.example.org/');
  });
});
