import { readFileSync } from 'node:fs';
import SearchableMap from 'minisearch/SearchableMap';
import { z } from 'zod';
import { stemOf, words } from './analyzer.js';

/**
 * Hears distress in a search: whether the words typed hold a phrase of crisis-phrases.json (suicide,
 * self-harm, "want to die", their common misspellings), so the answer can start with the crisis block.
 * The phrases are data a clinic extends; the rules that match them are here (decision 009, amendment of
 * 2026-12-04). Nothing is logged or kept: the answer is one boolean.
 */

const CrisisPhraseFile = z.object({
  phrases: z.array(z.string().min(1)).min(1),
  misspellings: z.array(z.string().min(1)).default([]),
  ordinary: z.array(z.string().min(1)).default([]),
});

interface ListedPhrase {
  words: string[];
  /** A correctly spelt phrase allows other endings and slips; a listed misspelling is matched as written. */
  tolerant: boolean;
}

export interface CrisisPhrases {
  phrases: ListedPhrase[];
  /** Words never taken for a slip of a crisis word ("overdoes" is not "overdose"). */
  ordinary: Set<string>;
}

export function parseCrisisPhrases(data: unknown): CrisisPhrases {
  const file = CrisisPhraseFile.parse(data);
  const listed = (phrase: string, tolerant: boolean): ListedPhrase => ({ words: words(phrase), tolerant });
  return {
    phrases: [
      ...file.phrases.map((phrase) => listed(phrase, true)),
      ...file.misspellings.map((phrase) => listed(phrase, false)),
    ].filter((phrase) => phrase.words.length > 0),
    ordinary: new Set(file.ordinary.flatMap((word) => words(word))),
  };
}

export function loadCrisisPhrases(file = new URL('./crisis-phrases.json', import.meta.url)): CrisisPhrases {
  return parseCrisisPhrases(JSON.parse(readFileSync(file, 'utf8')));
}

/** Slips allowed in a listed word: none up to five letters ("dying" is not "lying"), one to nine, two beyond. */
export function crisisSlips(listedWord: string): number {
  if (listedWord.length < 6) return 0;
  return listedWord.length < 10 ? 1 : 2;
}

/** Words that may stand inside a phrase without breaking it: "I don't even want to live". */
const FILLERS = new Set(['just', 'really', 'even']);

/** How one typed word (or two typed as one) relates to the listed words. */
interface WordMatches {
  /** Listed words it is, or shares a stem with ("killing" → "kill"). */
  exact: Set<string>;
  /** Listed words of correctly spelt phrases it is one slip from ("suicidle" → "suicide"). */
  slip: Set<string>;
}

export interface CrisisMatcher {
  /** True when the query holds a crisis phrase. */
  heard(query: string): boolean;
}

export function createCrisisMatcher(table: CrisisPhrases): CrisisMatcher {
  const byStem = new Map<string, Set<string>>();
  const tolerantWords = new SearchableMap<true>();
  for (const phrase of table.phrases) {
    if (!phrase.tolerant) continue;
    for (const word of phrase.words) {
      const stem = stemOf(word);
      if (!byStem.has(stem)) byStem.set(stem, new Set());
      byStem.get(stem)!.add(word);
      if (crisisSlips(word) > 0) tolerantWords.set(word, true);
    }
  }

  const matchesOf = (typed: string): WordMatches => {
    const exact = new Set<string>();
    // A stem of one or two letters ("dy" of "dying" and of "dyed") says too little to match on.
    const stem = stemOf(typed);
    for (const word of byStem.get(stem) ?? []) if (word === typed || stem.length >= 3) exact.add(word);
    const slip = new Set<string>();
    if (!table.ordinary.has(typed) && typed.length >= 5) {
      for (const [word, [, distance]] of tolerantWords.fuzzyGet(typed, 2)) {
        if (word[0] === typed[0] && distance <= crisisSlips(word)) slip.add(word);
      }
      // Two letters swapped ("suicdie") are one slip, as in the site search's spelling (spelling.ts).
      for (let i = 1; i + 1 < typed.length; i++) {
        const swapped = typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
        if (tolerantWords.has(swapped)) slip.add(swapped);
      }
    }
    return { exact, slip };
  };

  return {
    heard(query: string): boolean {
      const typed = words(query);
      const cache = new Map<string, WordMatches>();
      const matches = (word: string) => {
        const known = cache.get(word);
        if (known) return known;
        const found = matchesOf(word);
        cache.set(word, found);
        return found;
      };
      // A listed misspelling is matched as written: its stem may be a real word ("dieing" stems to "die").
      const is = (typedWord: string, listed: string, tolerant: boolean) => {
        if (!tolerant) return typedWord === listed;
        const found = matches(typedWord);
        return found.exact.has(listed) || found.slip.has(listed);
      };
      // Does the phrase, from its word `j` on, start at typed word `i`?
      const from = (phrase: ListedPhrase, i: number, j: number): boolean => {
        if (j === phrase.words.length) return true;
        if (i >= typed.length) return false;
        const listed = phrase.words[j]!;
        if (is(typed[i]!, listed, phrase.tolerant) && from(phrase, i + 1, j + 1)) return true;
        const joined = i + 1 < typed.length ? typed[i]! + typed[i + 1]! : undefined;
        if (joined && is(joined, listed, phrase.tolerant) && from(phrase, i + 2, j + 1)) return true;
        return j > 0 && FILLERS.has(typed[i]!) && from(phrase, i + 1, j);
      };
      return table.phrases.some((phrase) => typed.some((_, start) => from(phrase, start, 0)));
    },
  };
}
