import { setImmediate as nextTurn } from 'node:timers/promises';
import MiniSearch from 'minisearch';
import type { SearchDocument } from './engine.js';
import { entriesOf, type IndexEntry } from './entries.js';
import { type Field, type TermIndex, termIndexSteps } from './postings.js';
import { Ranker } from './ranking.js';

/**
 * Building a search index, in steps that can be spread over many turns of the event loop. At 10,000
 * articles a build is about 4 s of work; done in one go it held up every request, /healthz included, for
 * that long (decision 009). The same steps run in one go for tests and the evaluation script, so an index
 * built in slices is the same index.
 */

export type SpellingIndex = MiniSearch<{ word: string; count: number }>;

/** Everything an engine knows of the site, built once per content version. */
export class BuiltIndex {
  constructor(
    /** Pages and their question-and-answer sections, numbered as in the index. */
    readonly entries: IndexEntry[],
    readonly pages: number,
    readonly terms: TermIndex,
    /** Every word of the pages with how often it occurs, for "did you mean". */
    readonly vocabulary: Map<string, number>,
    /** The same words, indexed for fuzzy lookup... */
    readonly spelling: SpellingIndex,
    /** ...and sorted, for completions. */
    readonly sortedWords: string[],
    readonly ranker: Ranker,
  ) {}
}

/** Words added to the spelling index between two pauses (a few milliseconds' work). */
const SPELLING_WORDS_PER_STEP = 256;

/** The build; each `yield` is a point where it may pause (after a page, a term, a batch of words). */
export function* buildSteps(
  documents: Iterable<SearchDocument>,
  boosts: Record<Field, number>,
): Generator<void, BuiltIndex> {
  const entries: IndexEntry[] = [];
  const pageOfEntry: number[] = [];
  let pages = 0;
  for (const document of documents) {
    for (const entry of entriesOf(document)) {
      entries.push(entry);
      pageOfEntry.push(pages);
    }
    pages++;
    yield;
  }
  const ranker = new Ranker(Int32Array.from(pageOfEntry), pages);
  // One pass over the text: the index also shows every surface word of the pages (their sections repeat
  // them), counted for "did you mean".
  const vocabulary = new Map<string, number>();
  const terms = yield* termIndexSteps(entries, boosts, (word, entry) => {
    if (word.length > 3 && !/\d/.test(word) && entries[entry]!.url === entries[entry]!.page)
      vocabulary.set(word, (vocabulary.get(word) ?? 0) + 1);
  });
  const spelling: SpellingIndex = new MiniSearch({
    idField: 'word',
    fields: ['word'],
    storeFields: ['count'],
    processTerm: (w) => w,
  });
  let added = 0;
  for (const [word, count] of vocabulary) {
    spelling.add({ word, count });
    if (++added % SPELLING_WORDS_PER_STEP === 0) yield;
  }
  const sortedWords = [...vocabulary.keys()].sort();
  return new BuiltIndex(entries, pages, terms, vocabulary, spelling, sortedWords, ranker);
}

/** Runs the steps without pausing. */
export function buildAtOnce<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, letting the event loop turn (requests, timers, health checks) whenever `sliceMs` of work
 * has been done since the last turn.
 */
export async function buildInSlices<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  let sliceStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted >= sliceMs) {
      await nextTurn();
      sliceStarted = performance.now();
    }
  }
}
