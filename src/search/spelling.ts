import type { BuiltIndex } from './index-build.js';
import { allowedEdits, LIMITS } from './limits.js';

/**
 * Words the site uses that a typed word may have meant: close spellings of a word the site never uses,
 * and completions of the word being typed (decision 009). Both skip words too common to rank by.
 */

/**
 * Up to LIMITS.typoCandidates words the site uses within the allowed edits, closest and most used first.
 * Two swapped letters ("anxeity") are the commonest slip of all and count as one edit here, as they do in
 * Damerau's distance; MiniSearch's fuzzy matching counts them as two.
 */
export function closeWords(word: string, index: BuiltIndex, isCommon: (word: string) => boolean): string[] {
  const swapped: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    const candidate = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (candidate !== word && index.vocabulary.has(candidate)) swapped.push(candidate);
  }
  const close = index.spelling
    .search(word, {
      fuzzy: allowedEdits(word),
      prefix: false,
      boostDocument: (_id, _term, stored) => 1 + Math.log(Number(stored?.count ?? 1)),
    })
    .map((result) => String(result.id))
    .filter((candidate) => !isCommon(candidate));
  return [...new Set([...swapped, ...close])].slice(0, LIMITS.typoCandidates);
}

/**
 * Up to LIMITS.prefixCandidates words the site uses that start with what is being typed, the most used
 * and the least beyond the prefix first (MiniSearch's prefix weighting). Found by binary search in the
 * sorted words, not by MiniSearch's prefix search, which built a result object for every word with the
 * prefix (hundreds for three letters on a large site) only for five to be kept.
 */
export function completions(
  prefix: string,
  index: BuiltIndex,
  isCommon: (word: string) => boolean,
): string[] {
  const sorted = index.sortedWords;
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
      ((1 + Math.log(index.vocabulary.get(word) ?? 1)) * word.length) / (word.length + 0.3 * distance);
    if (best.length === LIMITS.prefixCandidates && score <= best.at(-1)!.score) continue;
    if (isCommon(word)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at--;
    best.splice(at, 0, { word, score });
    if (best.length > LIMITS.prefixCandidates) best.pop();
  }
  return best.map((candidate) => candidate.word);
}
