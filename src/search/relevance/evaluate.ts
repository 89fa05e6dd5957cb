import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The relevance query set and the measures used to judge a search configuration against it. */

export const RelevanceQuery = z.object({
  q: z.string().min(1),
  expect: z.string().startsWith('/'),
  kind: z.enum(['plain', 'misspelling', 'lay', 'abbreviation', 'question', 'brand']),
});
export type RelevanceQuery = z.infer<typeof RelevanceQuery>;

export function loadRelevanceQueries(): RelevanceQuery[] {
  const file = new URL('./queries.json', import.meta.url);
  return z.object({ queries: z.array(RelevanceQuery) }).parse(JSON.parse(readFileSync(file, 'utf8'))).queries;
}

export interface RelevanceReport {
  queries: number;
  /** Share of queries whose expected page came first. */
  firstHitRate: number;
  /** Share with the expected page in the first three. */
  top3Rate: number;
  /** Mean NDCG@10 with one relevant page per query: 1 / log2(rank + 1), 0 when not in the first ten. */
  ndcg10: number;
  /** Queries whose expected page was not first, with where it came (0 = not in the first ten). */
  misses: { q: string; expect: string; rank: number; got: string[] }[];
}

export async function evaluateRelevance(
  queries: RelevanceQuery[],
  search: (q: string) => Promise<string[]> | string[],
): Promise<RelevanceReport> {
  let first = 0;
  let top3 = 0;
  let gain = 0;
  const misses: RelevanceReport['misses'] = [];
  for (const query of queries) {
    // A result may link to a section of the expected page (/faq#does-tms-hurt): that is the page.
    const urls = (await search(query.q)).slice(0, 10).map((url) => url.split('#')[0]!);
    const rank = urls.indexOf(query.expect) + 1;
    if (rank === 1) first++;
    if (rank >= 1 && rank <= 3) top3++;
    if (rank >= 1) gain += 1 / Math.log2(rank + 1);
    if (rank !== 1) misses.push({ q: query.q, expect: query.expect, rank, got: urls.slice(0, 3) });
  }
  return {
    queries: queries.length,
    firstHitRate: first / queries.length,
    top3Rate: top3 / queries.length,
    ndcg10: gain / queries.length,
    misses,
  };
}
