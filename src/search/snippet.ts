import { termOf } from './analyzer.js';
import type { SearchDocument } from './engine.js';

/** About how much text a snippet shows, and how much of it comes before the first matched word. */
const SNIPPET_CHARS = 220;
const LEAD_CHARS = 50;
/**
 * Matched words looked at per text: the densest stretch among the first ones. Each costs a match object,
 * and a long page that repeats the query's words had a snippet cost more than the rest of the search.
 */
const MAX_HITS = 16;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A short passage of the page around the words that matched, escaped, with each matched word wrapped in
 * <mark>. The summary is used when the body has no match (a match in the title, say).
 */
export function highlightSnippet(
  document: Pick<SearchDocument, 'summary' | 'body'>,
  matched: Set<string>,
  /** A pattern for all the query's terms, built once for every result (words are checked against `matched`). */
  pattern: RegExp | undefined = matchPattern(matched),
): string {
  for (const text of [document.body, document.summary]) {
    const snippet = pattern ? passage(text, pattern, matched) : undefined;
    if (snippet) return snippet;
  }
  const plain = document.summary || document.body;
  return escapeHtml(
    plain.length > SNIPPET_CHARS ? `${plain.slice(0, cutAt(plain, SNIPPET_CHARS))} …` : plain,
  );
}

/**
 * Words that may belong to a matched term: Porter stems are the start of their words ("seizur" of
 * "seizures"), but for a final i that stands for y ("therapi" of "therapy"). Each candidate is then checked
 * properly, so the pattern only has to be generous, and native regular expressions scan a long page far
 * faster than splitting it word by word.
 */
export function matchPattern(matched: Iterable<string>): RegExp | undefined {
  const starts = [...matched]
    .map((term) => (term.endsWith('i') && term.length > 3 ? term.slice(0, -1) : term))
    .filter((start) => start.length >= 2)
    .map(escapeRegExp);
  if (starts.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${starts.join('|')})[\\p{L}\\p{N}]*`, 'giu');
}

function isMatch(word: string, matched: Set<string>): boolean {
  const lower = word.toLowerCase();
  const folded = /^[a-z0-9]+$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const term = termOf(folded);
  return term !== undefined && matched.has(term);
}

/** Where a cut at or before `index` falls on a space, so no word is split. */
function cutAt(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const space = text.lastIndexOf(' ', index);
  return space > index - 30 ? space : index;
}

function passage(text: string, pattern: RegExp, matched: Set<string>): string | undefined {
  const hits: { start: number; end: number }[] = [];
  for (const found of text.matchAll(pattern)) {
    if (isMatch(found[0], matched)) hits.push({ start: found.index, end: found.index + found[0].length });
    if (hits.length >= MAX_HITS) break;
  }
  if (hits.length === 0) return undefined;
  // The stretch of text with the most matched words in it.
  let best = 0;
  let bestCount = 0;
  for (let first = 0, last = 0; first < hits.length; first++) {
    while (last < hits.length && hits[last]!.end - hits[first]!.start <= SNIPPET_CHARS - LEAD_CHARS) last++;
    if (last - first > bestCount) {
      bestCount = last - first;
      best = first;
    }
  }
  const from = text.length <= SNIPPET_CHARS ? 0 : Math.max(0, hits[best]!.start - LEAD_CHARS);
  const start = from === 0 ? 0 : text.indexOf(' ', from) + 1 || from;
  const end = cutAt(text, start + SNIPPET_CHARS);
  let html = start > 0 ? '… ' : '';
  let position = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end) continue;
    html += `${escapeHtml(text.slice(position, hit.start))}<mark>${escapeHtml(text.slice(hit.start, hit.end))}</mark>`;
    position = hit.end;
  }
  html += escapeHtml(text.slice(position, end).trimEnd());
  return end < text.length ? `${html} …` : html;
}
