import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/app.js';

/** The table under "Slow and greedy clients" in docs/architecture.md, as setting → milliseconds or bytes. */
function documentedLimits(): Map<string, number> {
  const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
  const section = doc.split('## Slow and greedy clients')[1]?.split('\n## ')[0] ?? '';
  const limits = new Map<string, number>();
  for (const [, name, amount, unit] of section.matchAll(/^\| `(\w+)` \| (\d+) (seconds?|KB) \|/gm)) {
    limits.set(name!, Number(amount) * (unit === 'KB' ? 1024 : 1000));
  }
  return limits;
}

describe('slow-client limits', () => {
  test('the server runs with the limits docs/architecture.md states, and they are the safe ones', async () => {
    const testApp = await buildTestApp({ content: 'none' });
    try {
      const server = testApp.app.server;
      const running = new Map<string, number>([
        ['headersTimeout', server.headersTimeout],
        ['requestTimeout', server.requestTimeout],
        [
          'connectionsCheckingInterval',
          (server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval ?? NaN,
        ],
        ['keepAliveTimeout', server.keepAliveTimeout],
        ['connectionTimeout', server.timeout],
        ['bodyLimit', testApp.app.initialConfig.bodyLimit ?? NaN],
      ]);
      assert.deepEqual(running, documentedLimits(), 'the doc and the server agree');
      // A connection that sends nothing is closed within seconds, not Node's minute and a half.
      assert.equal(server.headersTimeout, 10_000);
      assert.equal(server.requestTimeout, 30_000);
      assert.ok(server.headersTimeout <= server.requestTimeout);
      assert.equal(running.get('connectionsCheckingInterval'), 1_000);
      assert.ok(server.timeout > 0, 'a socket that goes silent is closed');
    } finally {
      await testApp.close();
    }
  });

  test('a form body over 64 KB is refused with 413, before anything reads it', async () => {
    const testApp = await buildTestApp({ content: 'none' });
    try {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/request-appointment',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `message=${'a'.repeat(64 * 1024)}`,
      });
      assert.equal(response.statusCode, 413);
    } finally {
      await testApp.close();
    }
  });
});
