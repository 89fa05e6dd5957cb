import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('health checks', () => {
  test('/healthz says the process is up; /readyz follows the database', async () => {
    const t = await buildTestApp();
    try {
      assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await t.app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.headers['cache-control'], 'no-store');
      await t.db.handle.close();
      const down = await t.app.inject('/readyz');
      assert.equal(down.statusCode, 503);
      assert.deepEqual(down.json(), { status: 'unavailable', checks: { database: 'failing', search: 'ok' } });
      assert.equal((await t.app.inject('/healthz')).statusCode, 200, 'the process itself is still up');
    } finally {
      await t.close();
    }
  });
});

describe('cached public pages and assets', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('a page is sent brotli or gzip compressed as the browser accepts, and answers 304 to its ETag', async () => {
    const plain = await t.app.inject('/');
    const br = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gzip = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    assert.equal(gunzipSync(gzip.rawPayload).toString(), plain.body);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    assert.equal(plain.headers.vary, 'accept-encoding');
    assert.equal(plain.headers['cache-control'], 'public, no-cache');
    const etag = String(plain.headers.etag);
    assert.match(etag, /^"[\w-]{20,}"$/);
    const again = await t.app.inject({ url: '/', headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const refused = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  test('assets have fingerprinted names, immutable caching, SRI hashes and precompressed bodies', async () => {
    const home = (await t.app.inject('/')).body;
    const css = home.match(
      /<link rel="stylesheet" href="(\/assets\/site\.([\w-]+)\.css)" integrity="(sha384-[\w+/=]+)"/,
    );
    const js = home.match(/<script type="module" src="(\/assets\/site\.[\w-]+\.js)" integrity="sha384-/);
    assert.ok(css && js, 'stylesheet and script are linked with integrity hashes');
    const response = await t.app.inject({ url: css[1]!, headers: { 'accept-encoding': 'br' } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['content-encoding'], 'br');
    const body = brotliDecompressSync(response.rawPayload);
    const { createHash } = await import('node:crypto');
    assert.equal(`sha384-${createHash('sha384').update(body).digest('base64')}`, css[3]);
    assert.equal((await t.app.inject('/assets/site.0000000000000000.css')).statusCode, 404);
    const manifest = await t.app.inject('/manifest.webmanifest');
    assert.equal(manifest.json().name, 'Haven Demo Clinic');
    assert.match(manifest.json().icons[0].src, /^\/assets\/favicon\.[\w-]+\.svg$/);
    const favicon = await t.app.inject('/favicon.ico');
    assert.equal(favicon.statusCode, 301);
    assert.equal(
      (await t.app.inject(String(favicon.headers.location))).headers['content-type'],
      'image/svg+xml',
    );
  });
});

describe('request logs', () => {
  test('carry method, path and status but never the query string, body or cookies', async () => {
    const t = await buildTestApp({
      extraRoutes: (app) => app.post('/test/form', async () => ({ saved: true })),
    });
    try {
      const marker = 'MARKER-8c1e-suicidal-thoughts';
      await t.app.inject(`/search?q=${marker}`);
      await t.app.inject({ url: `/nope?${marker}`, headers: { cookie: `session=${marker}` } });
      await t.app.inject({ method: 'POST', url: '/test/form', payload: { message: marker } });
      await t.app.inject({
        method: 'POST',
        url: '/api/csp-report',
        headers: { 'content-type': 'application/csp-report' },
        payload: JSON.stringify({
          'csp-report': {
            'effective-directive': 'script-src',
            'blocked-uri': `https://evil.example/x?${marker}`,
          },
        }),
      });
      await t.app.inject({
        method: 'POST',
        url: '/api/csp-report',
        headers: { 'content-type': 'application/reports+json' },
        payload: JSON.stringify([
          {
            type: 'csp-violation',
            body: { effectiveDirective: 'img-src', blockedURL: `https://pixel.example/p?${marker}` },
          },
        ]),
      });
      assert.ok(!t.logs.text.includes(marker), 'the marker must not reach any log line');
      const search = t.logs.entries.find((entry) => entry.path === '/search');
      assert.deepEqual(
        { method: search?.method, status: search?.status, route: search?.route },
        { method: 'GET', status: 200, route: '/search' },
      );
      const violation = t.logs.entries.find((entry) => entry.msg === 'content security policy violation');
      assert.equal(violation?.blocked, 'https://evil.example');
      assert.equal(violation?.directive, 'script-src');
      const modern = t.logs.entries.find((entry) => entry.directive === 'img-src');
      assert.equal(modern?.blocked, 'https://pixel.example');
    } finally {
      await t.close();
    }
  });

  test('behind a trusted proxy the visitor address is the one the proxy forwarded, and only then', async () => {
    const trusted = await buildTestApp({ env: { HAVEN_TRUST_PROXY: '127.0.0.1' } });
    const untrusted = await buildTestApp();
    try {
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      await trusted.app.inject({ url: '/', headers, remoteAddress: '127.0.0.1' });
      await untrusted.app.inject({ url: '/', headers, remoteAddress: '127.0.0.1' });
      await trusted.app.inject({ url: '/', headers, remoteAddress: '198.51.100.4' });
      const ips = (t: TestApp) => t.logs.entries.filter((e) => e.msg === 'request').map((e) => e.ip);
      assert.deepEqual(ips(trusted), ['203.0.113.9', '198.51.100.4']);
      assert.deepEqual(ips(untrusted), ['127.0.0.1']);
    } finally {
      await trusted.close();
      await untrusted.close();
    }
  });
});
