import { termOf } from './analyzer.js';
import { expandQuery, type SynonymTable } from './synonyms.js';

/**
 * How a query becomes clauses, each belonging to one idea of the query: a typed word (with its close
 * spellings or completions), or a phrase the person typed with its synonyms. The engine scores a page by
 * the best clause of each idea plus a little of the rest (decision 009).
 */

/** How much a close spelling, or a completion of the word being typed, counts against an exact match. */
export const TYPO_WEIGHT = 0.45;
export const PREFIX_WEIGHT = 0.4;

/** A word of a known typed phrase, matched alone, counts this much of the whole phrase. */
export const PHRASE_WORD_WEIGHT = 0.5;

/** How much a one-way related term counts against the words the person typed. */
export const RELATED_WEIGHT = 0.3;

export interface Clause {
  idea: string;
  /** Index terms, all of which a page must hold. */
  terms: string[];
  weight: number;
}

export interface QueryWords {
  /** The words typed, stop words included (phrases need them). */
  typed: string[];
  /** The words that carry meaning, less those too common to rank by. */
  meaningful: string[];
  /** Close spellings of each word the site never uses, best first. */
  corrections: Map<string, string[]>;
  /** Completions of the last word when it is still being typed. */
  completions: string[];
}

export interface PlanOptions {
  /** Undefined: no synonym expansion. */
  synonyms: SynonymTable | undefined;
  maxExpansions: number;
  withoutCommonWords(words: string[]): string[];
}

interface SourcedExpansion {
  phrase: string;
  words: string[];
  kind: 'equivalent' | 'related';
  /** The typed words that called for it. */
  source: string[];
  /** The same words as searched: corrected where the person misspelt them. */
  searched: string[];
}

function startOf(haystack: string[], needle: string[]): number {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((word, i) => haystack[start + i] === word)) return start;
  }
  return -1;
}

/**
 * Synonyms of the query as typed and, when some words were misspelt, of the query as corrected ("side
 * efects" is still the phrase "side effects"). Where one phrase found lies inside a longer one, the longer
 * wins, as in Lucene's synonym rules: "manic depression" means bipolar disorder, so the "depression" in it
 * does not also call up treatment-resistant depression.
 */
function expansionsOf(query: QueryWords, table: SynonymTable): SourcedExpansion[] {
  const { typed, corrections } = query;
  const found: SourcedExpansion[] = expandQuery(typed, table).map((expansion) => {
    const source = expansion.source.split(' ');
    return { ...expansion, source, searched: source };
  });
  const corrected = typed.map((word) => corrections.get(word)?.[0] ?? word);
  if (corrected.some((word, i) => word !== typed[i])) {
    for (const expansion of expandQuery(corrected, table)) {
      const searched = expansion.source.split(' ');
      const start = startOf(corrected, searched);
      const source = typed.slice(start, start + searched.length);
      if (source.join(' ') === expansion.source) continue;
      if (found.some((other) => other.phrase === expansion.phrase)) continue;
      found.push({ ...expansion, source, searched });
    }
  }
  const sources = [...new Set(found.map((expansion) => ` ${expansion.source.join(' ')} `))];
  const nested = new Set(
    sources.filter((inner) => sources.some((outer) => outer.length > inner.length && outer.includes(inner))),
  );
  return found.filter((expansion) => !nested.has(` ${expansion.source.join(' ')} `));
}

export function planClauses(query: QueryWords, options: PlanOptions): Clause[] {
  const { meaningful, corrections } = query;
  const expansions = options.synonyms
    ? expansionsOf(query, options.synonyms).slice(0, options.maxExpansions)
    : [];
  // Each word belongs to the longest phrase that called for synonyms and holds it, or is an idea alone.
  const ideas = new Map<string, string[]>();
  for (const { source } of expansions) {
    for (const word of source) {
      const current = ideas.get(word);
      if (!current || source.length > current.length) ideas.set(word, source);
    }
  }
  const ideaOfWord = (word: string) => ideas.get(word)?.join(' ') ?? word;
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  const add = (idea: string, phraseWords: string[], weight: number) => {
    const terms = [...new Set(phraseWords.map(termOf).filter((term) => term !== undefined))];
    const key = terms.join(' ');
    if (terms.length === 0 || seen.has(key)) return;
    seen.add(key);
    clauses.push({ idea, terms, weight });
  };
  // A typed phrase that the synonym table knows ("manic depression") counts whole; its words alone count
  // for half, so a page that only says "depression" does not win the idea.
  // A phrase found only once misspelt words are corrected counts as if typed right: the synonym table
  // knowing the corrected phrase confirms the correction.
  for (const { source, searched } of expansions) {
    if (source.length > 1 && source.every((word) => meaningful.includes(word)))
      add(source.join(' '), searched, 1);
  }
  for (const word of meaningful) {
    const idea = ideaOfWord(word);
    add(idea, [word], idea.includes(' ') ? PHRASE_WORD_WEIGHT : 1);
  }
  for (const word of meaningful) {
    for (const candidate of corrections.get(word) ?? []) add(ideaOfWord(word), [candidate], TYPO_WEIGHT);
  }
  const last = meaningful.at(-1);
  if (last !== undefined) {
    for (const candidate of query.completions) add(ideaOfWord(last), [candidate], PREFIX_WEIGHT);
  }
  for (const expansion of expansions) {
    const weight = expansion.kind === 'equivalent' ? 1 : RELATED_WEIGHT;
    add(expansion.source.join(' '), options.withoutCommonWords(expansion.words), weight);
  }
  return clauses;
}
