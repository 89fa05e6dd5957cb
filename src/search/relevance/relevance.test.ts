import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { evaluateRelevance, loadRelevanceQueries } from './evaluate.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

test('the relevance set: the expected page first for at least 90% of queries, and in the top three for all', async (context) => {
  const queries = loadRelevanceQueries();
  assert.ok(queries.length >= 40, 'at least 40 queries');
  const report = await evaluateRelevance(
    queries,
    (q) => t.app.siteSearch.search(q, 10)?.results.map((r) => r.url) ?? [],
  );
  context.diagnostic(
    `first hit ${(report.firstHitRate * 100).toFixed(1)}%, top 3 ${(report.top3Rate * 100).toFixed(1)}%, NDCG@10 ${report.ndcg10.toFixed(3)} over ${report.queries} queries`,
  );
  for (const miss of report.misses)
    context.diagnostic(`"${miss.q}": ${miss.expect} at ${miss.rank || '>10'}; got ${miss.got.join(', ')}`);
  assert.deepEqual(
    report.misses.filter((miss) => miss.rank === 0 || miss.rank > 3),
    [],
    'every expected page in the top three',
  );
  assert.ok(report.firstHitRate >= 0.9, `first-hit rate ${report.firstHitRate.toFixed(3)} is below 0.9`);
});
