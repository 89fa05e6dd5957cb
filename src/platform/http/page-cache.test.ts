import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseEncoding, PageCache } from './page-cache.js';

test('a page is rendered once per content version, and again after the version moves', () => {
  let version = '1';
  let renders = 0;
  const cache = new PageCache({ contentVersion: () => version });
  const render = () => `<p>render ${++renders}</p>`;
  const first = cache.get('/', render);
  assert.equal(cache.get('/', render), first);
  assert.equal(renders, 1);
  version = '2';
  const second = cache.get('/', render);
  assert.equal(renders, 2);
  assert.notEqual(second.etag, first.etag, 'new bytes, new ETag');
  assert.equal(second.identity.toString(), '<p>render 2</p>');
});

test('the cache holds a bounded number of pages, dropping the oldest', () => {
  const cache = new PageCache({ contentVersion: () => '1', maxEntries: 3 });
  for (const key of ['a', 'b', 'c', 'd']) cache.get(key, () => key);
  assert.equal(cache.size, 3);
  let rendered = false;
  cache.get('a', () => {
    rendered = true;
    return 'a';
  });
  assert.ok(rendered, 'the oldest page was dropped and is rendered again');
});

test('the encoding follows Accept-Encoding, preferring brotli and honouring q=0', () => {
  assert.equal(chooseEncoding(undefined), 'identity');
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.8'), 'gzip');
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('identity'), 'identity');
});

test('the encoding weighs q-values: a client that prefers gzip gets gzip, even if it also takes brotli', () => {
  assert.equal(chooseEncoding('gzip;q=1, br;q=0.001'), 'gzip');
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.9, identity;q=0.1'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0.2, br;q=0.8'), 'br');
  assert.equal(chooseEncoding('deflate, zstd'), 'identity');
});
