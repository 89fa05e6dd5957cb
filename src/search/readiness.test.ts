import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { LogCapture, testCipher, testConfig } from '../../test/helpers/app.js';
import { forEachEngine } from '../../test/helpers/engines.js';
import { buildApp } from '../app.js';
import type { DatabaseConfig } from '../platform/config/config.js';
import { createDatabase, type DatabaseHandle } from '../platform/database/database.js';
import { createLogger } from '../platform/logging/logger.js';

/**
 * The app as src/server.ts builds it, on a database of the test's choosing, without waiting for the
 * search index (the test helper waits for it): what a process looks like while it starts, and what each
 * of several processes on one database does when another changes the content.
 */
async function haven(database: DatabaseHandle, config: DatabaseConfig): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { ...testConfig(), database: config },
    database,
    logger: createLogger({ level: 'info', destination: new LogCapture() }),
    cipher: testCipher(),
    // Content dated 2026-10-01 is published on this day, in both processes.
    now: () => new Date('2026-11-25T15:00:00Z'),
    contentPollMs: 25,
  });
  await app.ready();
  return app;
}

/** Polls until the condition holds, failing at the deadline. */
async function until(condition: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`${what}: not within ${deadlineMs} ms`);
    await sleep(10);
  }
}

function contentFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-search-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const PAGE = (title: string, body: string) =>
  `---\ntitle: ${title}\ntype: article\npublished: 2026-10-01\n---\n${body}\n`;

forEachEngine('readiness while the search index is built', (_engine, it) => {
  it('/readyz answers 503 naming search until the first index exists, then 200; /healthz answers 200 throughout', async ({
    handle,
    config,
  }) => {
    const app = await haven(handle, config);
    try {
      await app.content.importBundledIfEmpty();
      const starting = await app.inject('/readyz');
      assert.equal(starting.statusCode, 503);
      assert.equal(starting.headers['cache-control'], 'no-store');
      assert.deepEqual(starting.json(), {
        status: 'unavailable',
        checks: { database: 'ok', search: 'failing' },
      });
      const alive = await app.inject('/healthz');
      assert.equal(alive.statusCode, 200, 'the process is up while search is not');
      assert.deepEqual(alive.json(), { status: 'ok' });

      app.siteSearch.start();
      await app.siteSearch.ready();
      const ready = await app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', checks: { database: 'ok', search: 'ok' } });
      assert.equal((await app.inject('/healthz')).statusCode, 200);
    } finally {
      await app.close();
    }
  });
});

forEachEngine('search in several processes on one database', (_engine, it) => {
  it('content imported or changed through one process is found by the other without anyone searching there first', async ({
    handle,
    config,
  }) => {
    const otherHandle = createDatabase(config);
    const one = await haven(handle, config);
    const other = await haven(otherHandle, config);
    try {
      one.siteSearch.start();
      other.siteSearch.start();
      await Promise.all([one.siteSearch.ready(), other.siteSearch.ready()]);
      const find = async (q: string) =>
        (await other.inject(`/api/search?q=${q}`)).json().results.map((r: { url: string }) => r.url);
      assert.deepEqual(await find('neuronavigation'), []);

      const dir = contentFolder({
        'neuro.md': PAGE('Neuronavigation explained', 'How MRI guides the coil.'),
      });
      await one.content.importDirectory(dir, dir);
      // The other process's index moves to the new version on its own: nobody searches it meanwhile.
      const imported = one.content.visibleVersion();
      await until(() => other.siteSearch.indexedVersion() === imported, 'the other process rebuilt');
      assert.deepEqual(await find('neuronavigation'), ['/articles/neuro']);

      writeFileSync(
        path.join(dir, 'neuro.md'),
        PAGE('Neuronavigation explained', 'A camera tracks the head.'),
      );
      await one.content.importDirectory(dir, dir);
      const changed = one.content.visibleVersion();
      assert.notEqual(changed, imported);
      await until(() => other.siteSearch.indexedVersion() === changed, 'the other process rebuilt again');
      assert.deepEqual(await find('camera'), ['/articles/neuro']);
      assert.deepEqual(await find('mri'), [], 'the words taken out are no longer found');
    } finally {
      await other.close();
      await one.close();
      await otherHandle.close();
    }
  });
});
