import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * Issue 13: every public page says its health information is general, not medical advice, and tells people
 * without insurance, or paying themselves, that they may ask for a Good Faith Estimate (No Surprises Act),
 * with a link to the page that explains it.
 */

function footerText(html: string): string {
  const footer = /<footer[^>]*>([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
  return footer
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('the site-wide notices', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  for (const path of [
    '/',
    '/treatments/tms',
    '/articles/ketamine-safety',
    '/request-appointment',
    '/no-such-page',
  ]) {
    test(`${path} says "not medical advice" and offers a Good Faith Estimate`, async () => {
      const response = await t.app.inject(path);
      const text = footerText(response.body);
      assert.match(text, /general information, not medical advice/);
      assert.match(text, /no health insurance, or you will pay for care yourself/);
      assert.match(text, /right to a Good Faith Estimate/);
      assert.match(
        response.body,
        /<a href="\/articles\/insurance-and-cost#your-right-to-a-good-faith-estimate">Good Faith Estimates explained<\/a>/,
      );
    });
  }

  test('the link leads to a section of that name on the insurance page', async () => {
    const response = await t.app.inject('/articles/insurance-and-cost');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /id="your-right-to-a-good-faith-estimate"/);
    assert.match(response.body, /Good Faith Estimate/);
  });
});
