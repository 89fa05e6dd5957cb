import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { evaluateRelevance, loadRelevanceQueries } from './evaluate.js';

/**
 * The target: the expected page first for at least 90% of queries and in the top three for all.
 * Measured on 2026-11-25 over 72 queries: 95.8% first (69), 100% in the top three, NDCG@10 0.985 (the first
 * 52, which the ranking was tuned on: 100% first; the 20 added afterwards as a check: 17 first). The floors
 * are the target itself; NDCG@10 is held near what has been reached, so no change quietly makes ranking
 * worse.
 */
const TARGET = { firstHitRate: 0.9, top3Rate: 1 };
const FLOOR = { ...TARGET, ndcg10: 0.97 };

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('the relevance set: misspellings, lay words, abbreviations and questions find the right page', async (context) => {
  const queries = loadRelevanceQueries();
  assert.ok(queries.length >= 40, 'at least 40 queries');
  const report = await evaluateRelevance(
    queries,
    (q) => t.app.siteSearch.search(q, 10)?.results.map((r) => r.url) ?? [],
  );
  context.diagnostic(
    `first hit ${(report.firstHitRate * 100).toFixed(1)}% (target ${TARGET.firstHitRate * 100}%), top 3 ${(report.top3Rate * 100).toFixed(1)}% (target ${TARGET.top3Rate * 100}%), NDCG@10 ${report.ndcg10.toFixed(3)} over ${report.queries} queries`,
  );
  for (const miss of report.misses) {
    context.diagnostic(`"${miss.q}": ${miss.expect} at ${miss.rank || '>10'}; got ${miss.got.join(', ')}`);
  }
  assert.ok(
    report.firstHitRate >= FLOOR.firstHitRate,
    `first-hit rate ${report.firstHitRate.toFixed(3)} fell below ${FLOOR.firstHitRate}`,
  );
  assert.ok(
    report.top3Rate >= FLOOR.top3Rate,
    `top-3 rate ${report.top3Rate.toFixed(3)} fell below ${FLOOR.top3Rate}`,
  );
  assert.ok(report.ndcg10 >= FLOOR.ndcg10, `NDCG@10 ${report.ndcg10.toFixed(3)} fell below ${FLOOR.ndcg10}`);
  assert.deepEqual(
    report.misses.filter((miss) => miss.rank === 0).map((miss) => miss.q),
    [],
    'every expected page is at least in the first ten',
  );
});
