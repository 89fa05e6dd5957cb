/**
 * Measures search candidates and configurations on the project's own relevance set (src/search/relevance),
 * over the bundled content: first-hit rate, top-3 rate, NDCG@10 and query latency. The numbers behind
 * decision 009. Run: `npm run search:evaluate`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import MiniSearch from 'minisearch';
import { contentSearchDocuments, createContentService } from '../src/content/index.js';
import { migrateToLatest } from '../src/database.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createDatabase } from '../src/platform/database/database.js';
import { words } from '../src/search/analyzer.js';
import { type SearchDocument, SearchEngine } from '../src/search/engine.js';
import { evaluateRelevance, loadRelevanceQueries } from '../src/search/relevance/evaluate.js';
import { expandQuery, loadSynonyms } from '../src/search/synonyms.js';
import { sitePageSearchDocuments } from '../src/site-pages/index.js';

type Searcher = (q: string) => Promise<string[]> | string[];
const FIELDS = ['title', 'headings', 'summary', 'tags', 'attributes', 'body'] as const;
const BOOST = { title: 6, headings: 2.5, tags: 2, summary: 2, attributes: 1.2, body: 1 };

async function loadDocuments(): Promise<SearchDocument[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-search-eval-'));
  const loaded = loadConfig({ DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}` });
  if (!loaded.ok) throw new Error(loaded.error);
  const database = createDatabase(loaded.config.database);
  try {
    await migrateToLatest(database.db);
    let version = 0;
    const content = createContentService({
      db: database.db,
      contentVersion: () => String(version),
      now: () => new Date(),
      timeZone: loaded.config.clinic.timeZone,
      afterChange: async () => version++,
    });
    await content.importBundledIfEmpty();
    return [...(await contentSearchDocuments(content)), ...sitePageSearchDocuments(loaded.config.clinic)];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function miniSearchPlain(documents: SearchDocument[]): Searcher {
  const index = new MiniSearch<SearchDocument>({ fields: [...FIELDS] });
  index.addAll(documents);
  return (q) => index.search(q, { boost: BOOST }).map((r) => String(r.id));
}

function miniSearchDefaultsFuzzy(documents: SearchDocument[]): Searcher {
  const index = new MiniSearch<SearchDocument>({ fields: [...FIELDS] });
  index.addAll(documents);
  return (q) => index.search(q, { boost: BOOST, fuzzy: 0.2, prefix: true }).map((r) => String(r.id));
}

function haven(documents: SearchDocument[], options: { fuzzy: boolean; expand: boolean }): Searcher {
  const engine = new SearchEngine(documents, { synonyms: loadSynonyms(), ...options });
  return (q) => engine.search(q, 10).results.map((r) => r.url);
}

async function orama(
  documents: SearchDocument[],
  options: { tolerance: number; synonyms: boolean },
): Promise<Searcher> {
  const db = create({
    schema: {
      title: 'string',
      headings: 'string',
      summary: 'string',
      tags: 'string',
      attributes: 'string',
      body: 'string',
      url: 'string',
    },
    components: { tokenizer: { language: 'english', stemming: true } },
  });
  await insertMultiple(
    db,
    documents.map(({ id, ...fields }) => ({ ...fields, url: id })),
  );
  const table = loadSynonyms();
  return async (q) => {
    const term = options.synonyms ? [q, ...expandQuery(words(q), table).map((e) => e.phrase)].join(' ') : q;
    const results = await oramaSearch(db, {
      term,
      properties: [...FIELDS],
      boost: BOOST,
      tolerance: options.tolerance,
      limit: 10,
    });
    return results.hits.map((hit) => String((hit.document as { url: string }).url));
  };
}

async function latency(searcher: Searcher, queries: string[]): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of queries) {
      const started = performance.now();
      await searcher(q);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

async function main(): Promise<void> {
  const documents = await loadDocuments();
  const queries = loadRelevanceQueries();
  const candidates: [string, Searcher][] = [
    ['MiniSearch, defaults (no stemming, exact)', miniSearchPlain(documents)],
    ['MiniSearch, defaults + fuzzy 0.2 + prefix', miniSearchDefaultsFuzzy(documents)],
    ['Orama, stemming, exact', await orama(documents, { tolerance: 0, synonyms: false })],
    ['Orama, stemming, tolerance 1', await orama(documents, { tolerance: 1, synonyms: false })],
    ['Orama, stemming, tolerance 1 + synonym text', await orama(documents, { tolerance: 1, synonyms: true })],
    ['Haven engine, no fuzzy, no synonyms', haven(documents, { fuzzy: false, expand: false })],
    ['Haven engine, fuzzy fallback, no synonyms', haven(documents, { fuzzy: true, expand: false })],
    ['Haven engine, synonyms, no fuzzy', haven(documents, { fuzzy: false, expand: true })],
    ['Haven engine (chosen): fuzzy fallback + synonyms', haven(documents, { fuzzy: true, expand: true })],
  ];
  console.log(`${documents.length} documents, ${queries.length} queries\n`);
  console.log(
    `${'configuration'.padEnd(50)} ${'first hit'.padStart(9)} ${'top 3'.padStart(7)} ${'NDCG@10'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`,
  );
  for (const [name, searcher] of candidates) {
    const report = await evaluateRelevance(queries, searcher);
    const { p50, p99 } = await latency(
      searcher,
      queries.map((q) => q.q),
    );
    console.log(
      `${name.padEnd(50)} ${(report.firstHitRate * 100).toFixed(1).padStart(8)}% ${(report.top3Rate * 100).toFixed(1).padStart(6)}% ${report.ndcg10.toFixed(3).padStart(8)} ${p50.toFixed(3).padStart(7)} ${p99.toFixed(3).padStart(7)}`,
    );
    if (process.env.VERBOSE)
      for (const miss of report.misses)
        console.log(`    "${miss.q}" → ${miss.expect} at ${miss.rank || '>10'}; got ${miss.got.join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
