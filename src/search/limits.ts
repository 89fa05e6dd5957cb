/**
 * Caps and typo tolerance (decision 009). The caps keep an adversarial query as cheap as an ordinary one;
 * limits.test.ts proves each by what a query crafted to exceed it finds.
 */

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

/** None for 1–3 letters, one edit for 4–7, two from 8. */
export function allowedEdits(word: string): number {
  if (word.length <= 3) return 0;
  return word.length <= 7 ? 1 : 2;
}
