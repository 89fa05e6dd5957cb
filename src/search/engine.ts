import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { isStopword, normalize, termOf, words } from './analyzer.js';
import { highlightSnippet } from './snippet.js';
import { type Expansion, expandQuery, type SynonymTable } from './synonyms.js';

/**
 * Haven's site search: MiniSearch's BM25+ ranking over our own analyzer, with field boosts, typo tolerance
 * that grows with word length, prefix matching for the word being typed, and synonym expansion
 * (decision 009 records the measurements behind every choice here).
 */

export type SearchDocumentType = 'article' | 'treatment' | 'condition' | 'page';

export interface SearchDocument {
  /** The page's path, such as /articles/ketamine-safety */
  id: string;
  type: SearchDocumentType;
  title: string;
  summary: string;
  headings: string;
  tags: string;
  attributes: string;
  body: string;
}

export interface SearchHit {
  url: string;
  type: SearchDocumentType;
  title: string;
  /** Escaped text with the matched words wrapped in <mark>. */
  snippet: string;
  score: number;
}

export interface SearchOutcome {
  query: string;
  results: SearchHit[];
  /** A corrected query when some words typed are not used on the site and their correction finds pages. */
  didYouMean?: string;
}

/** Caps that keep an adversarial query as cheap as an ordinary one. */
export const LIMITS = {
  queryLength: 200,
  terms: 12,
  expansions: 24,
  results: 50,
} as const;

export const FIELD_BOOSTS = { title: 6, headings: 2.5, tags: 2, summary: 2, attributes: 1.2, body: 1 };
/** How much a one-way related term counts against the words the person typed. */
export const RELATED_WEIGHT = 0.3;

/** None for 1–3 letters, one edit for 4–7, two from 8. */
export function allowedEdits(word: string): number {
  if (word.length <= 3) return 0;
  return word.length <= 7 ? 1 : 2;
}

export interface SearchEngineOptions {
  synonyms: SynonymTable;
  fieldBoosts?: Partial<typeof FIELD_BOOSTS>;
  /** Typo tolerance on or off, for measuring its worth. */
  fuzzy?: boolean;
  /** Synonym expansion on or off, for measuring its worth. */
  expand?: boolean;
}

export class SearchEngine {
  readonly #index: MiniSearch<SearchDocument>;
  readonly #documents = new Map<string, SearchDocument>();
  /** Every word of the corpus with how often it occurs, for "did you mean". */
  readonly #vocabulary = new Map<string, number>();
  /** The same words, indexed for fuzzy lookup. */
  readonly #spelling: MiniSearch<{ word: string; count: number }>;
  readonly #options: Required<SearchEngineOptions>;
  /** Every index term, so a word the site really uses is never fuzzed into a different one. */
  readonly #knownTerms = new Set<string>();

  constructor(documents: Iterable<SearchDocument>, options: SearchEngineOptions) {
    this.#options = {
      fieldBoosts: {},
      fuzzy: true,
      expand: true,
      ...options,
    };
    this.#index = new MiniSearch<SearchDocument>({
      idField: 'id',
      fields: ['title', 'headings', 'summary', 'tags', 'attributes', 'body'],
      storeFields: [],
      tokenize: words,
      processTerm: (word) => termOf(word),
    });
    const all = [...documents];
    this.#index.addAll(all);
    for (const document of all) {
      this.#documents.set(document.id, document);
      for (const field of [
        document.title,
        document.headings,
        document.summary,
        document.tags,
        document.attributes,
        document.body,
      ]) {
        for (const word of words(field)) {
          const term = termOf(word);
          if (term) this.#knownTerms.add(term);
        }
      }
      for (const word of words(`${document.title} ${document.headings} ${document.body}`)) {
        if (word.length > 3 && !/\d/.test(word))
          this.#vocabulary.set(word, (this.#vocabulary.get(word) ?? 0) + 1);
      }
    }
    this.#spelling = new MiniSearch({
      idField: 'word',
      fields: ['word'],
      storeFields: ['count'],
      processTerm: (w) => w,
    });
    this.#spelling.addAll([...this.#vocabulary].map(([word, count]) => ({ word, count })));
  }

  get size(): number {
    return this.#documents.size;
  }

  search(rawQuery: string, limit = 10): SearchOutcome {
    const query = rawQuery.slice(0, LIMITS.queryLength);
    const typed = words(query).slice(0, LIMITS.terms);
    const results = this.#run(typed, Math.min(limit, LIMITS.results));
    const outcome: SearchOutcome = { query, results };
    // A word the site never uses is probably misspelt, even when typo tolerance found something for it.
    const unknown = typed.some((word) => {
      const term = termOf(word);
      return term !== undefined && word.length >= 4 && !/\d/.test(word) && !this.#knownTerms.has(term);
    });
    if (unknown) {
      const corrected = this.#correct(typed);
      if (corrected) {
        const better = this.#run(words(corrected), 3);
        if (better.length > 0) outcome.didYouMean = corrected;
      }
    }
    return outcome;
  }

  #run(typed: string[], limit: number): SearchHit[] {
    const meaningful = typed.filter((word) => !isStopword(word));
    if (meaningful.length === 0) return [];
    const boost = { ...FIELD_BOOSTS, ...this.#options.fieldBoosts };
    const expansions: Expansion[] = this.#options.expand
      ? expandQuery(typed, this.#options.synonyms).slice(0, LIMITS.expansions)
      : [];
    const lastWord = meaningful.at(-1);
    const own: Query = {
      queries: [meaningful.join(' ')],
      combineWith: 'OR',
      prefix: (term) => lastWord !== undefined && termOf(lastWord) === term && term.length >= 3,
      fuzzy: (term) => {
        // Typo tolerance is a fallback: "ketamine" is a real word here and must not also match "esketamine".
        if (!this.#options.fuzzy || this.#knownTerms.has(term)) return false;
        const word = meaningful.find((w) => termOf(w) === term) ?? term;
        return allowedEdits(word) || false;
      },
    };
    const queries: Query[] = [own];
    for (const expansion of expansions) {
      const weight = expansion.kind === 'equivalent' ? 1 : RELATED_WEIGHT;
      queries.push({
        queries: [expansion.phrase],
        combineWith: 'AND',
        prefix: false,
        fuzzy: false,
        boost: Object.fromEntries(Object.entries(boost).map(([field, value]) => [field, value * weight])),
      });
    }
    const found: SearchResult[] = this.#index.search({ queries, combineWith: 'OR' }, { boost });
    return found.slice(0, limit).map((result) => {
      const document = this.#documents.get(String(result.id))!;
      return {
        url: document.id,
        type: document.type,
        title: document.title,
        snippet: highlightSnippet(document, new Set(result.terms)),
        score: result.score,
      };
    });
  }

  /** The query with each unknown word replaced by the closest common word of the corpus, if any changed. */
  #correct(typed: string[]): string | undefined {
    let changed = false;
    const corrected = typed.map((word) => {
      if (word.length < 4 || /\d/.test(word) || this.#vocabulary.has(word) || isStopword(word)) return word;
      // Closer spellings score higher; among equals, the word the site uses most wins.
      const [best] = this.#spelling.search(word, {
        fuzzy: allowedEdits(word),
        prefix: false,
        boostDocument: (_id, _term, stored) => 1 + Math.log(Number(stored?.count ?? 1)),
      });
      if (!best) return word;
      changed = true;
      return String(best.id);
    });
    return changed ? corrected.join(' ') : undefined;
  }
}

export function normalizedQuery(query: string): string {
  return normalize(query).trim();
}
