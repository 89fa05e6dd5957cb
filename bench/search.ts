import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SearchDocument, SearchEngine } from '../src/search/engine.js';
import { loadRelevanceQueries } from '../src/search/relevance/evaluate.js';
import { loadSynonyms } from '../src/search/synonyms.js';

/**
 * Search at scale, in process: an index of 10,000 generated articles of about 800 words each (build time
 * and memory), then query latency over a mixed list: the relevance set, misspellings, and adversarial
 * queries built to be as expensive as the caps allow.
 */

const ARTICLES = 10_000;
const WORDS_PER_ARTICLE = 800;

const TOPIC_WORDS = (
  'ketamine infusion tms transcranial magnetic stimulation depression anxiety ptsd ocd bipolar treatment therapy ' +
  'session course clinic insurance coverage cost authorization safety side effects dissociation blood pressure ' +
  'monitoring nurse psychiatrist theta burst accelerated motor threshold coil scalp headache seizure esketamine ' +
  'spravato nasal spray booster relapse remission response questionnaire medication antidepressant psychotherapy ' +
  'trauma intrusive thoughts mania mood stabilizer sleep appetite energy concentration hopeless appointment'
).split(' ');
const FILLER = (
  'the a of and to in is that for it with as was on be at by this have from or one had not but what all were ' +
  'when we there can an your which their said if do will each about how up out them then she many some so ' +
  'these would other into has more her two like him see time could no make than first been its who now people ' +
  'my made over did down only way find use may water long little very after words called just where most know'
).split(' ');

/** A small deterministic generator, so every run indexes the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Articles shaped like real writing: stop words, a Zipf-distributed vocabulary of 8,000 content words
 * (a few very common, a long tail of rare ones) and three clinical topics per article drawn from the
 * site's own vocabulary, each mentioned often, as an article about one subject would.
 */
export function generateArticles(count = ARTICLES, words = WORDS_PER_ARTICLE): SearchDocument[] {
  const next = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const syllables =
    'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo'.split(
      ' ',
    );
  const vocabulary = Array.from(
    { length: 8000 },
    (_, i) =>
      Array.from({ length: 2 + (i % 3) }, () => pick(syllables)).join('') + (i % 7 === 0 ? 'tion' : ''),
  );
  // Cumulative Zipf weights (s = 1.07) for sampling a word by rank.
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= vocabulary.length; rank++) {
    total += 1 / rank ** 1.07;
    cumulative.push(total);
  }
  const zipf = () => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low]!;
  };
  return Array.from({ length: count }, (_, i) => {
    const topics = [pick(TOPIC_WORDS), pick(TOPIC_WORDS), pick(TOPIC_WORDS)];
    const word = () => {
      const roll = next();
      return roll < 0.09 ? pick(topics) : roll < 0.45 ? pick(FILLER) : zipf();
    };
    const sentence = (length: number) => Array.from({ length }, word).join(' ');
    return {
      id: `/articles/generated-${i}`,
      type: 'article' as const,
      title: `${topics[0]} ${sentence(5)}`,
      summary: sentence(20),
      headings: Array.from({ length: 5 }, () => sentence(4)).join('\n'),
      tags: topics.join(' '),
      attributes: '',
      body: Array.from({ length: Math.ceil(words / 16) }, () => `${sentence(16)}.`).join(' '),
    };
  });
}

function adversarialQueries(): string[] {
  const long = 'transcranialx stimulatonz psychotherapyy antidepressantz monitoringg authorizaton ';
  return [
    long.repeat(4).slice(0, 200),
    Array.from({ length: 40 }, (_, i) => `zzq${i}`).join(' '),
    'a'.repeat(200),
    `${'ketamine '.repeat(30)}`,
    'e e e e e e e e e e e e e e e e e e e e e e e e e',
    'stimulationstimulationstimulation depressiondepression',
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

export interface SearchBench {
  documents: number;
  buildMs: number;
  /** The longest the event loop waited during the build: how long /healthz could go unanswered. */
  longestStallMs: number;
  heapMb: number;
  mixed: { queries: number; p50: number; p99: number };
  adversarial: { queries: number; p50: number; p99: number };
}

function timeQueries(
  engine: SearchEngine,
  queries: string[],
  rounds: number,
): { queries: number; p50: number; p99: number } {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const started = performance.now();
      engine.search(query, 10);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return { queries: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function runSearchBench(): Promise<SearchBench> {
  const documents = generateArticles();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // The index keeps its numbers in typed arrays, whose memory lies outside the JavaScript heap: count both.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = used();
  // The event loop's delay is sampled every 5 ms while the index is built as the server builds it, in slices.
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await sleep(20);
  const started = performance.now();
  const engine = await SearchEngine.build(documents, { synonyms: loadSynonyms() });
  const buildMs = performance.now() - started;
  // A stall is only recorded once the loop turns again.
  await sleep(20);
  delay.disable();
  const longestStallMs = delay.max / 1e6;
  gc?.();
  const heapMb = (used() - heapBefore) / 1024 / 1024;
  const relevance = loadRelevanceQueries().map((query) => query.q);
  const mixed = [
    ...relevance,
    ...relevance.map((q) => `${q.slice(0, -1)}`),
    'ketamine infusion booster',
    'tms coil headache',
  ];
  // Warm the JIT the way a running server would be warm.
  timeQueries(engine, mixed, 2);
  return {
    documents: engine.size,
    buildMs,
    longestStallMs,
    heapMb,
    mixed: timeQueries(engine, mixed, 5),
    adversarial: timeQueries(engine, adversarialQueries(), 20),
  };
}
