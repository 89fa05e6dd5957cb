import { termOf, words } from './analyzer.js';
import type { Match } from './ranking.js';

/**
 * The ranking index: for every term, the documents that hold it and what the term is worth in each, summed
 * over the fields with their boosts. Scores are MiniSearch's BM25+ (same formula, parameters and field
 * lengths), computed once when the index is built instead of on every query (decision 009: scoring through
 * MiniSearch cost about 0.4 µs and an object per field posting on every query, the whole of the 10 ms tail
 * at 10,000 articles; a list of numbers costs a few nanoseconds an entry).
 */

export const FIELDS = ['title', 'headings', 'summary', 'tags', 'attributes', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** MiniSearch's BM25+ defaults: term saturation, length normalisation, and the floor of a matching term. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const TITLE = FIELDS.indexOf('title');

export interface Postings {
  /** Document numbers, ascending. */
  docs: Int32Array;
  /** The term's boosted BM25+ score in each of those documents. */
  scores: Float64Array;
  /** 1 where the term is in the document's title. */
  inTitle: Uint8Array;
}

interface FieldPostings {
  docs: number[];
  counts: number[];
}

function bm25(count: number, holders: number, documents: number, length: number, average: number): number {
  const idf = Math.log(1 + (documents - holders + 0.5) / (holders + 0.5));
  return (
    idf * (BM25.d + (count * (BM25.k + 1)) / (count + BM25.k * (1 - BM25.b + (BM25.b * length) / average)))
  );
}

/**
 * Builds the ranking index step by step: each `yield` is a point where the work may pause (after each
 * document, and after each term once every document has been read), so a caller can give the event loop
 * a turn between slices of a large build (decision 009). `onWord` sees every word of every field once, in
 * order, so the caller can learn the vocabulary in the same pass.
 */
export function* termIndexSteps(
  documents: readonly Record<Field, string>[],
  boosts: Record<Field, number>,
  onWord?: (word: string, document: number) => void,
): Generator<void, TermIndex> {
  // Field by field: which documents hold each term and how often, and each document's length (MiniSearch
  // counts a field's distinct words, stop words included).
  const byField = FIELDS.map(() => new Map<string, FieldPostings>());
  const lengths = FIELDS.map(() => new Float64Array(documents.length));
  for (let doc = 0; doc < documents.length; doc++) {
    const document = documents[doc]!;
    FIELDS.forEach((field, f) => {
      const found = words(document[field]);
      lengths[f]![doc] = new Set(found).size;
      const counts = new Map<string, number>();
      for (const word of found) {
        onWord?.(word, doc);
        const term = termOf(word);
        if (term !== undefined) counts.set(term, (counts.get(term) ?? 0) + 1);
      }
      const postings = byField[f]!;
      for (const [term, count] of counts) {
        let entry = postings.get(term);
        if (!entry) {
          entry = { docs: [], counts: [] };
          postings.set(term, entry);
        }
        entry.docs.push(doc);
        entry.counts.push(count);
      }
    });
    yield;
  }
  const averages = lengths.map((all) => (all.length === 0 ? 0 : all.reduce((a, b) => a + b, 0) / all.length));

  // Then term by term, the fields merged into one list of documents and scores.
  const merged = new Map<string, Postings>();
  const score = new Float64Array(documents.length);
  const title = new Uint8Array(documents.length);
  const terms = new Set(byField.flatMap((postings) => [...postings.keys()]));
  for (const term of terms) {
    const touched: number[] = [];
    FIELDS.forEach((field, f) => {
      const entry = byField[f]!.get(term);
      if (!entry) return;
      const holders = entry.docs.length;
      for (let i = 0; i < holders; i++) {
        const doc = entry.docs[i]!;
        if (score[doc] === 0) touched.push(doc);
        score[doc]! +=
          boosts[field] * bm25(entry.counts[i]!, holders, documents.length, lengths[f]![doc]!, averages[f]!);
        if (f === TITLE) title[doc] = 1;
      }
    });
    const docs = Int32Array.from(touched).sort();
    const postings: Postings = {
      docs,
      scores: new Float64Array(docs.length),
      inTitle: new Uint8Array(docs.length),
    };
    docs.forEach((doc, i) => {
      postings.scores[i] = score[doc]!;
      postings.inTitle[i] = title[doc]!;
      score[doc] = 0;
      title[doc] = 0;
    });
    merged.set(term, postings);
    yield;
  }
  return new TermIndex(merged, documents.length);
}

export class TermIndex {
  readonly #postings: Map<string, Postings>;
  readonly documents: number;

  /** Built by termIndexSteps. */
  constructor(postings: Map<string, Postings>, documents: number) {
    this.#postings = postings;
    this.documents = documents;
  }

  get(term: string): Postings | undefined {
    return this.#postings.get(term);
  }

  has(term: string): boolean {
    return this.#postings.has(term);
  }

  /**
   * The documents holding every one of the terms, with their score in each. A phrase counts as one term,
   * its average, so "transcranial magnetic stimulation" weighs what "tms" does; it is in a title when all
   * its words are.
   */
  match(terms: readonly string[]): Match {
    const lists: Postings[] = [];
    for (const term of terms) {
      const postings = this.#postings.get(term);
      if (!postings) return { docs: [], scores: [], inTitle: [] };
      lists.push(postings);
    }
    if (lists.length === 1) return lists[0]!;
    lists.sort((a, b) => a.docs.length - b.docs.length);
    const [shortest, ...others] = lists as [Postings, ...Postings[]];
    const match: { docs: number[]; scores: number[]; inTitle: number[] } = {
      docs: [],
      scores: [],
      inTitle: [],
    };
    next: for (let i = 0; i < shortest.docs.length; i++) {
      const doc = shortest.docs[i]!;
      let sum = shortest.scores[i]!;
      let inTitle = shortest.inTitle[i]!;
      for (const other of others) {
        const at = indexOfDocument(other.docs, doc);
        if (at < 0) continue next;
        sum += other.scores[at]!;
        inTitle &= other.inTitle[at]!;
      }
      match.docs.push(doc);
      match.scores.push(sum / lists.length);
      match.inTitle.push(inTitle);
    }
    return match;
  }

  /** How many documents hold the term. */
  frequency(term: string): number {
    return this.#postings.get(term)?.docs.length ?? 0;
  }
}

/** Where the document is in an ascending list of document numbers, or -1. */
export function indexOfDocument(docs: ArrayLike<number>, doc: number): number {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = docs[middle]!;
    if (found === doc) return middle;
    if (found < doc) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
