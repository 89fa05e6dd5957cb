import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * The crisis notice reads as one plain sentence wherever it appears, with a link for each way to reach help.
 * (The browser test checks the same sentence as the page's textContent.)
 */
const SENTENCE = 'If you are in crisis, call or text 988, or call 911.';

function crisisNotices(html: string): { text: string; links: string[] }[] {
  return [...html.matchAll(/<p class="crisis-notice">(.*?)<\/p>/gs)].map(([, inner = '']) => ({
    text: inner.replace(/<[^>]+>/g, ''),
    links: [...inner.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map(
      ([, href, text]) => `${text} → ${href}`,
    ),
  }));
}

describe('the crisis notice', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  for (const path of ['/', '/request-appointment', '/crisis-resources', '/articles', '/no-such-page']) {
    test(`on ${path} it reads "${SENTENCE}", with links to call and text 988 and to call 911`, async () => {
      const response = await t.app.inject(path);
      const notices = crisisNotices(response.body);
      assert.ok(notices.length >= 1, 'the page carries the crisis notice');
      for (const notice of notices) {
        assert.equal(notice.text, SENTENCE);
        assert.deepEqual(notice.links, ['call → tel:988', 'text 988 → sms:988', '911 → tel:911']);
      }
    });
  }
});
