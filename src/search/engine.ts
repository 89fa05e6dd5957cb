import MiniSearch from 'minisearch';
import { isPhrasing, isStopword, normalize, termOf, words } from './analyzer.js';
import { type IndexEntry, indexEntries } from './entries.js';
import { type Clause, planClauses } from './ideas.js';
import { indexOfDocument, TermIndex } from './postings.js';
import { Ranker } from './ranking.js';
import { highlightSnippet, matchPattern } from './snippet.js';
import { type SynonymTable, synonymWords } from './synonyms.js';

export { PHRASE_WORD_WEIGHT, PREFIX_WEIGHT, RELATED_WEIGHT, TYPO_WEIGHT } from './ideas.js';
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

/** Caps that keep an adversarial query as cheap as an ordinary one. */
export const LIMITS = {
  queryLength: 200,
  terms: 12,
  expansions: 24,
  /** Close spellings tried for a word the site never uses. */
  typoCandidates: 3,
  /** Words of one query looked up for close spellings (each lookup walks the spelling index). */
  misspeltWords: 4,
  /** Completions tried for the word being typed. */
  prefixCandidates: 5,
  results: 50,
} as const;

export const FIELD_BOOSTS = { title: 6, headings: 2.5, tags: 2, summary: 2, attributes: 1.2, body: 1 };
/** Common-word pruning applies from this many documents, to words in more than this share of them. */
export const COMMON_WORDS_FROM_DOCUMENTS = 1000;
export const COMMON_WORD_SHARE = 0.2;

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
  readonly #index: TermIndex;
  /** Pages and their question-and-answer sections, numbered as in the index. */
  readonly #entries: IndexEntry[];
  readonly #pages: number;
  /** Every word of the corpus with how often it occurs, for "did you mean". */
  readonly #vocabulary = new Map<string, number>();
  /** The same words, indexed for fuzzy lookup, and sorted for completions. */
  readonly #spelling: MiniSearch<{ word: string; count: number }>;
  readonly #sortedWords: string[];
  readonly #options: Required<SearchEngineOptions>;
  readonly #synonymWords: Set<string>;
  readonly #ranker: Ranker;

  constructor(documents: Iterable<SearchDocument>, options: SearchEngineOptions) {
    this.#options = {
      fieldBoosts: {},
      fuzzy: true,
      expand: true,
      ...options,
    };
    this.#synonymWords = synonymWords(this.#options.synonyms);
    const pages = [...documents];
    this.#pages = pages.length;
    this.#entries = indexEntries(pages);
    const pageOf = new Int32Array(this.#entries.length);
    let page = -1;
    this.#entries.forEach((entry, i) => {
      if (entry.url === entry.page) page++;
      pageOf[i] = page;
    });
    this.#ranker = new Ranker(pageOf, pages.length);
    // One pass over the text: the index also shows every surface word of the pages (their sections repeat
    // them), counted for "did you mean".
    const boosts = { ...FIELD_BOOSTS, ...this.#options.fieldBoosts };
    this.#index = new TermIndex(this.#entries, boosts, (word, entry) => {
      if (word.length > 3 && !/\d/.test(word) && this.#entries[entry]!.url === this.#entries[entry]!.page)
        this.#vocabulary.set(word, (this.#vocabulary.get(word) ?? 0) + 1);
    });
    this.#spelling = new MiniSearch({
      idField: 'word',
      fields: ['word'],
      storeFields: ['count'],
      processTerm: (w) => w,
    });
    this.#spelling.addAll([...this.#vocabulary].map(([word, count]) => ({ word, count })));
    this.#sortedWords = [...this.#vocabulary.keys()].sort();
  }

  get size(): number {
    return this.#pages;
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
        if (!corrections.has(word) && this.#isUnknown(word)) corrections.set(word, this.#closeWords(word));
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

  /**
   * Up to LIMITS.typoCandidates words the site uses within the allowed edits, closest and most used first.
   * Two swapped letters ("anxeity") are the commonest slip of all and count as one edit here, as they do in
   * Damerau's distance; MiniSearch's fuzzy matching counts them as two.
   */
  #closeWords(word: string): string[] {
    const swapped: string[] = [];
    for (let i = 0; i + 1 < word.length; i++) {
      const candidate = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (candidate !== word && this.#vocabulary.has(candidate)) swapped.push(candidate);
    }
    const close = this.#spelling
      .search(word, {
        fuzzy: allowedEdits(word),
        prefix: false,
        boostDocument: (_id, _term, stored) => 1 + Math.log(Number(stored?.count ?? 1)),
      })
      .map((result) => String(result.id))
      .filter((candidate) => !this.#isCommon(candidate));
    return [...new Set([...swapped, ...close])].slice(0, LIMITS.typoCandidates);
  }

  /**
   * Up to LIMITS.prefixCandidates words the site uses that start with what is being typed, the most used
   * and the least beyond the prefix first (MiniSearch's prefix weighting). Found by binary search in the
   * sorted words, not by MiniSearch's prefix search, which built a result object for every word with the
   * prefix (hundreds for three letters on a large site) only for five to be kept.
   */
  #completions(prefix: string): string[] {
    const sorted = this.#sortedWords;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    const best: { word: string; score: number }[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
      const word = sorted[i]!;
      if (word === prefix) continue;
      const distance = word.length - prefix.length;
      const score =
        ((1 + Math.log(this.#vocabulary.get(word) ?? 1)) * word.length) / (word.length + 0.3 * distance);
      if (best.length === LIMITS.prefixCandidates && score <= best.at(-1)!.score) continue;
      if (this.#isCommon(word)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { word, score });
      if (best.length > LIMITS.prefixCandidates) best.pop();
    }
    return best.map((candidate) => candidate.word);
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
      { typed, meaningful, corrections, completions: completing ? this.#completions(last) : [] },
      {
        synonyms: this.#options.expand ? this.#options.synonyms : undefined,
        maxExpansions: LIMITS.expansions,
        withoutCommonWords: (candidates) => this.#withoutCommonWords(candidates),
      },
    );
    return this.#rank(clauses, limit);
  }

  #rank(clauses: Clause[], limit: number): SearchHit[] {
    const matches = clauses.map((clause) => this.#index.match(clause.terms));
    const ranked = this.#ranker.rank(
      clauses.map((clause, c) => ({ idea: clause.idea, weight: clause.weight, match: matches[c]! })),
      limit,
    );
    const pattern = matchPattern(new Set(clauses.flatMap((clause) => clause.terms)));
    return ranked.map(({ entry: doc, score }) => {
      const entry = this.#entries[doc]!;
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
    return term !== undefined && (this.#index.has(term) || this.#synonymWords.has(word));
  }

  #isCommon(word: string): boolean {
    const size = this.#entries.length;
    if (size < COMMON_WORDS_FROM_DOCUMENTS) return false;
    const term = termOf(word);
    return term !== undefined && this.#index.frequency(term) > size * COMMON_WORD_SHARE;
  }

  /**
   * On a large site, a word found in most pages ("first", "help") ranks almost nothing yet costs a pass over
   * most of the index. Such words are left out when the query has rarer words to go on, as Lucene's
   * common-terms query does. A small site keeps every word: there, "ketamine" is common and matters.
   */
  #withoutCommonWords(candidates: string[]): string[] {
    const size = this.#entries.length;
    if (size < COMMON_WORDS_FROM_DOCUMENTS) return candidates;
    const rare = candidates.filter((word) => !this.#isCommon(word));
    return rare.length > 0 ? rare : candidates;
  }
}

export function normalizedQuery(query: string): string {
  return normalize(query).trim();
}
