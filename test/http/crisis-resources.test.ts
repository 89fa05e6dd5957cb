import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('the crisis resources page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ content: 'none' });
  });
  after(() => t.close());

  test('the Spanish sentence is marked lang="es", so a screen reader speaks it in Spanish (WCAG 3.1.2)', async () => {
    const response = await t.app.inject('/crisis-resources');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /^<!DOCTYPE html><html lang="en">/i, 'the page itself is English');
    const spanish = [...response.body.matchAll(/<(\w+)\b[^>]*\blang="es"[^>]*>(.*?)<\/\1>/gs)].map(
      ([, , inner = '']) => inner.replace(/<[^>]+>/g, ''),
    );
    assert.deepEqual(spanish, ['Para ayuda en español: llame al 988 y oprima 2.']);
    assert.equal(
      response.body.split('Para ayuda').length - 1,
      1,
      'no other copy of the Spanish text sits outside the marked element',
    );
  });
});
