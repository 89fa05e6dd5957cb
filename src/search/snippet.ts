import { termOf } from './analyzer.js';
import type { SearchDocument } from './engine.js';

const WINDOW = 28;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * A short passage of the page around the words that matched, escaped, with each matched word wrapped in
 * <mark>. The summary is used when the body has no match (a match in the title, say).
 */
export function highlightSnippet(
  document: Pick<SearchDocument, 'summary' | 'body'>,
  matched: Set<string>,
): string {
  const body = passage(document.body, matched);
  if (body.hits > 0) return body.html;
  const summary = passage(document.summary, matched);
  if (summary.hits > 0) return summary.html;
  return escapeHtml(passage(document.summary || document.body, matched).text);
}

function passage(text: string, matched: Set<string>): { hits: number; html: string; text: string } {
  // Words and what lies between them, so the passage keeps its punctuation: words at the odd indexes.
  const parts = text.split(/([\p{L}\p{N}]+(?:['’][\p{L}]+)?)/u);
  const wordIndexes: number[] = [];
  const hits: boolean[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    wordIndexes.push(i);
    const lower = parts[i]!.toLowerCase();
    // Plain ASCII words (nearly all) need no accent folding.
    const term = termOf(
      /^[a-z0-9]+$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f'’]/g, ''),
    );
    hits.push(term !== undefined && matched.has(term));
  }
  const isHit = (partIndex: number) => hits[(partIndex - 1) / 2] === true;
  let bestStart = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < hits.length; i++) {
    if (hits[i]) count++;
    if (i >= WINDOW && hits[i - WINDOW]) count--;
    if (count > bestCount) {
      bestCount = count;
      bestStart = Math.max(0, i - WINDOW + 1);
    }
  }
  // Start a few words before the first hit in the window, for context.
  const firstHit = hits.indexOf(true, bestStart);
  const start = firstHit === -1 ? 0 : Math.max(0, Math.min(bestStart, firstHit - 4));
  const end = Math.min(wordIndexes.length, start + WINDOW);
  if (wordIndexes.length === 0)
    return { hits: 0, html: escapeHtml(text.slice(0, 200)), text: text.slice(0, 200) };
  const from = wordIndexes[start]!;
  const to = end === wordIndexes.length ? parts.length - 1 : wordIndexes[end - 1]!;
  let html = start > 0 ? '… ' : '';
  let plain = html;
  for (let i = from; i <= to; i++) {
    const part = parts[i]!;
    const escaped = escapeHtml(part);
    html += i % 2 === 1 && isHit(i) ? `<mark>${escaped}</mark>` : escaped;
    plain += part;
  }
  if (end < wordIndexes.length) {
    html += ' …';
    plain += ' …';
  }
  return { hits: hits.slice(start, end).filter(Boolean).length, html, text: plain };
}
