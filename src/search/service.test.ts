import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LogCapture } from '../../test/helpers/app.js';
import { createLogger } from '../platform/logging/logger.js';
import { loadCrisisPhrases } from './crisis.js';
import type { SearchDocument } from './engine.js';
import { createSearchService, type SearchServiceDeps } from './service.js';
import { loadSynonyms } from './synonyms.js';

const synonyms = loadSynonyms();

function article(i: number, extra = ''): SearchDocument {
  return {
    id: `/articles/a-${i}`,
    type: 'article',
    title: `Article ${i} about coils`,
    summary: '',
    headings: '',
    tags: '',
    attributes: '',
    body: `Sessions, coils and magnetic pulses, told a ${i}th time. ${extra}`,
  };
}

/** A service over these documents that gives the event loop a turn after every step of a build. */
function serviceOver(documents: () => SearchDocument[], version: () => string, logs = new LogCapture()) {
  const deps: SearchServiceDeps = {
    documents: async () => documents(),
    version,
    synonyms,
    crisisPhrases: loadCrisisPhrases(),
    logger: createLogger({ level: 'info', destination: logs }),
    sliceMs: 0,
  };
  return createSearchService(deps);
}

/** Lets the event loop turn until the condition holds, failing after `most` turns. */
async function turnsUntil(condition: () => boolean, most = 100_000): Promise<number> {
  for (let turns = 0; turns < most; turns++) {
    if (condition()) return turns;
    await nextTurn();
  }
  assert.fail(`still not so after ${most} turns of the event loop`);
}

describe('search service', () => {
  test('while the index is built, other work (a request, a health check) runs between slices', async () => {
    const documents = Array.from({ length: 200 }, (_, i) => article(i));
    const service = serviceOver(
      () => documents,
      () => '1',
    );
    service.start();
    assert.equal(service.isReady(), false);
    // Each turn stands for a request answered meanwhile; a build in one go would allow none before it ends.
    const turns = await turnsUntil(() => service.isReady());
    assert.ok(turns >= 50, `only ${turns} turns of the event loop during the build`);
    assert.equal(service.search('coils', 5)?.results.length, 5);
  });

  test('a content change is indexed without anyone searching, even one seen while a build is under way', async () => {
    let version = '1';
    let documents = Array.from({ length: 50 }, (_, i) => article(i));
    const logs = new LogCapture();
    const service = serviceOver(
      () => documents,
      () => version,
      logs,
    );
    service.refresh();
    await nextTurn();
    assert.equal(service.indexedVersion(), undefined, 'nothing is built before an index is asked for');

    service.start();
    await nextTurn();
    assert.equal(service.isReady(), false, 'the first build is under way');
    version = '2';
    documents = [...documents, article(50, 'Neuronavigation guides the coil.')];
    service.refresh();
    await turnsUntil(() => service.indexedVersion() === '2');
    assert.equal(service.search('neuronavigation', 5)?.results[0]?.url, '/articles/a-50');

    version = '3';
    documents = documents.slice(0, 50);
    service.refresh();
    await turnsUntil(() => service.indexedVersion() === '3');
    assert.deepEqual(service.search('neuronavigation', 5)?.results, []);
    const builds = logs.entries.filter((entry) => entry.msg === 'search index built');
    assert.deepEqual(
      builds.map((entry) => entry.version),
      ['1', '2', '3'],
      'one build per version, none repeated',
    );
  });

  test('once stopped, a change starts no build, and stop waits for the one under way', async () => {
    let version = '1';
    const service = serviceOver(
      () => Array.from({ length: 100 }, (_, i) => article(i)),
      () => version,
    );
    service.start();
    await nextTurn();
    await service.stop();
    assert.equal(service.indexedVersion(), '1', 'the build under way finished before stop resolved');
    version = '2';
    service.refresh();
    service.search('coils', 5);
    for (let i = 0; i < 50; i++) await nextTurn();
    assert.equal(service.indexedVersion(), '1', 'the database may be closed now');
  });
});

test('distress is heard before the first index exists, and the words heard are not logged', async () => {
  const logs = new LogCapture();
  const service = serviceOver(
    () => [article(1)],
    () => '1',
    logs,
  );
  assert.equal(service.isReady(), false);
  assert.equal(service.search('suicidle', 5), undefined, 'no index yet');
  assert.equal(service.hearsDistress('suicidle'), true, 'help does not wait for the index');
  assert.equal(service.hearsDistress('diet during treatment'), false);
  await service.ready();
  await service.stop();
  assert.ok(!logs.text.includes('suicidle'));
});
