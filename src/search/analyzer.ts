import { stemmer } from 'stemmer';

/**
 * How text becomes search terms, the same way for documents and queries: lower case, accents folded,
 * split on anything but letters and digits, common words dropped, English words stemmed (Porter), so
 * "infusions", "infused" and "infusion" meet.
 */

const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my ' +
    'of on or our so than that the their them then there these they this to too was we were what when where which ' +
    'who will with would you your am im ive dont cant'
  ).split(' '),
);

export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019']/g, '')
    .toLowerCase();
}

/** Words of the text, in order, stop words included (phrases and highlighting need them). */
export function words(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * Words people type around what they look for ("I want to…", "do I need…", "tell me about…", "info on…")
 * that say nothing of it. Pages use them too, so they stay in the index, but a query leaves them out
 * whenever it has other words: otherwise any page that happens to say "want" outranks the one about the
 * rest of the question.
 */
const PHRASING = new Set('want wanna need know tell looking please info information'.split(' '));

export function isPhrasing(word: string): boolean {
  return PHRASING.has(word);
}

/**
 * Stemming is the costliest step of indexing and the same few thousand words recur millions of times, so
 * each word's term is remembered (the memory is bounded: it starts afresh past 100,000 words).
 */
const termCache = new Map<string, string | null>();

/** A word's stem: short words and words with digits stay as they are ("tms", "988"). */
export function stemOf(word: string): string {
  return word.length <= 3 || /\d/.test(word) ? word : stemmer(word);
}

/** The index term for a word, or undefined for a stop word. */
export function termOf(word: string): string | undefined {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  let term: string | null;
  // A lone letter or digit ("1" of "press 1", "a") carries no meaning worth matching.
  if (STOPWORDS.has(word) || word.length < 2) term = null;
  else term = stemOf(word);
  if (termCache.size >= 100_000) termCache.clear();
  termCache.set(word, term);
  return term ?? undefined;
}

/** Index and query terms of a text: words less stop words, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .map(termOf)
    .filter((term): term is string => term !== undefined);
}
