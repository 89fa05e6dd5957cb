import { isPhrasing, isStopword, termOf, words } from './analyzer.js';
import { type Clause, planClauses } from './ideas.js';
import { BuiltIndex, buildAtOnce, buildInSlices, buildSteps } from './index-build.js';
import { LIMITS } from './limits.js';
import { indexOfDocument } from './postings.js';
import { highlightSnippet, matchPattern } from './snippet.js';
import { closeWords, completions } from './spelling.js';
import { type SynonymTable, synonymWords } from './synonyms.js';

export { PHRASE_WORD_WEIGHT, PREFIX_WEIGHT, RELATED_WEIGHT, TYPO_WEIGHT } from './ideas.js';
export { allowedEdits, LIMITS } from './limits.js';
export { TIE_BREAKER, TITLE_ANSWERS_BOOST } from './ranking.js';

/**
 * Haven's site search: BM25+ ranking (MiniSearch's formula, precomputed per term in postings.ts) over our
 * own analyzer, with field boosts, typo tolerance that grows with word length and prefix matching for the
 * word being typed (both looked up in a MiniSearch index of the site's words), and synonym expansion
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
  /** The page's sections with their anchors; a question-and-answer section is also indexed on its own. */
  sections?: readonly SearchSection[];
}

export interface SearchSection {
  anchor: string;
  heading: string;
  text: string;
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

export const FIELD_BOOSTS = { title: 6, headings: 2.5, tags: 2, summary: 2, attributes: 1.2, body: 1 };
/** Common-word pruning applies from this many documents, to words in more than this share of them. */
export const COMMON_WORDS_FROM_DOCUMENTS = 1000;
export const COMMON_WORD_SHARE = 0.2;

function fieldBoosts(options: SearchEngineOptions): typeof FIELD_BOOSTS {
  return { ...FIELD_BOOSTS, ...options.fieldBoosts };
}

export interface SearchEngineOptions {
  synonyms: SynonymTable;
  fieldBoosts?: Partial<typeof FIELD_BOOSTS>;
  /** Typo tolerance on or off, for measuring its worth. */
  fuzzy?: boolean;
  /** Synonym expansion on or off, for measuring its worth. */
  expand?: boolean;
}

/** A build pauses for the event loop after this much work (decision 009: no request waits longer). */
export const BUILD_SLICE_MS = 5;

export class SearchEngine {
  readonly #built: BuiltIndex;
  readonly #options: Required<SearchEngineOptions>;
  readonly #synonymWords: Set<string>;

  /**
   * Builds the index in one go, holding the event loop until it is done: for tests, the evaluation script
   * and small sites. A server builds with SearchEngine.build, which passes the finished index here.
   */
  constructor(documents: Iterable<SearchDocument> | BuiltIndex, options: SearchEngineOptions) {
    this.#options = {
      fieldBoosts: {},
      fuzzy: true,
      expand: true,
      ...options,
    };
    this.#synonymWords = synonymWords(this.#options.synonyms);
    this.#built =
      documents instanceof BuiltIndex
        ? documents
        : buildAtOnce(buildSteps(documents, fieldBoosts(this.#options)));
  }

  /**
   * Builds the index a slice at a time, letting the event loop turn after every `sliceMs` of work, so
   * requests and health checks are answered while a large site is indexed. Ranks exactly as the
   * constructor's index does.
   */
  static async build(
    documents: Iterable<SearchDocument>,
    options: SearchEngineOptions,
    sliceMs = BUILD_SLICE_MS,
  ): Promise<SearchEngine> {
    const built = await buildInSlices(buildSteps(documents, fieldBoosts(options)), sliceMs);
    return new SearchEngine(built, options);
  }

  get size(): number {
    return this.#built.pages;
  }

  search(rawQuery: string, limit = 10): SearchOutcome {
    const query = rawQuery.slice(0, LIMITS.queryLength);
    const typed = words(query).slice(0, LIMITS.terms);
    const kept = typed.filter((word) => !isStopword(word) && termOf(word) !== undefined);
    const meaningful = kept.some((word) => !isPhrasing(word))
      ? kept.filter((word) => !isPhrasing(word))
      : kept;
    // A word the site never uses is probably misspelt (or, if last, still being typed).
    const corrections = new Map<string, string[]>();
    if (this.#options.fuzzy) {
      for (const word of meaningful) {
        if (corrections.size >= LIMITS.misspeltWords) break;
        if (!corrections.has(word) && this.#isUnknown(word))
          corrections.set(word, closeWords(word, this.#built, this.#isCommon));
      }
    }
    const results = this.#run(typed, meaningful, corrections, Math.min(limit, LIMITS.results));
    const outcome: SearchOutcome = { query, results };
    if ([...corrections.values()].some((candidates) => candidates.length > 0)) {
      outcome.didYouMean = typed.map((word) => corrections.get(word)?.[0] ?? word).join(' ');
    }
    return outcome;
  }

  /** A word neither the site nor the synonym table uses ("kill" of "kill myself" is not a typo for "will"). */
  #isUnknown(word: string): boolean {
    return word.length >= 4 && !/\d/.test(word) && !this.#knownWord(word);
  }

  #run(
    typed: string[],
    typedMeaningful: string[],
    corrections: Map<string, string[]>,
    limit: number,
  ): SearchHit[] {
    const meaningful = this.#withoutCommonWords(typedMeaningful);
    if (meaningful.length === 0) return [];
    const last = meaningful.at(-1)!;
    const completing = last === typedMeaningful.at(-1) && last.length >= 3 && !this.#knownWord(last);
    const clauses = planClauses(
      {
        typed,
        meaningful,
        corrections,
        completions: completing ? completions(last, this.#built, this.#isCommon) : [],
      },
      {
        synonyms: this.#options.expand ? this.#options.synonyms : undefined,
        maxExpansions: LIMITS.expansions,
        withoutCommonWords: (candidates) => this.#withoutCommonWords(candidates),
      },
    );
    return this.#rank(clauses, limit);
  }

  #rank(clauses: Clause[], limit: number): SearchHit[] {
    const matches = clauses.map((clause) => this.#built.terms.match(clause.terms));
    const ranked = this.#built.ranker.rank(
      clauses.map((clause, c) => ({ idea: clause.idea, weight: clause.weight, match: matches[c]! })),
      limit,
    );
    const pattern = matchPattern(new Set(clauses.flatMap((clause) => clause.terms)));
    return ranked.map(({ entry: doc, score }) => {
      const entry = this.#built.entries[doc]!;
      // The words to mark: every term of each clause that matched this entry.
      const terms = new Set<string>();
      clauses.forEach((clause, c) => {
        if (indexOfDocument(matches[c]!.docs, doc) >= 0) for (const term of clause.terms) terms.add(term);
      });
      return {
        url: entry.url,
        type: entry.type,
        title: entry.displayTitle,
        snippet: highlightSnippet(entry, terms, pattern),
        score,
      };
    });
  }

  #knownWord(word: string): boolean {
    const term = termOf(word);
    return term !== undefined && (this.#built.terms.has(term) || this.#synonymWords.has(word));
  }

  readonly #isCommon = (word: string): boolean => {
    const size = this.#built.entries.length;
    if (size < COMMON_WORDS_FROM_DOCUMENTS) return false;
    const term = termOf(word);
    return term !== undefined && this.#built.terms.frequency(term) > size * COMMON_WORD_SHARE;
  };

  /**
   * On a large site, a word found in most pages ("first", "help") ranks almost nothing yet costs a pass over
   * most of the index. Such words are left out when the query has rarer words to go on, as Lucene's
   * common-terms query does. A small site keeps every word: there, "ketamine" is common and matters.
   */
  #withoutCommonWords(candidates: string[]): string[] {
    const size = this.#built.entries.length;
    if (size < COMMON_WORDS_FROM_DOCUMENTS) return candidates;
    const rare = candidates.filter((word) => !this.#isCommon(word));
    return rare.length > 0 ? rare : candidates;
  }
}
