import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { words } from './analyzer.js';

/**
 * The synonym and abbreviation table (synonyms.json, kept as data so a clinic can extend it): groups of
 * equivalent phrases, and one-way related terms that count for less.
 */

const SynonymFile = z.object({
  equivalents: z.array(z.array(z.string().min(1)).min(2)),
  related: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

export interface SynonymTable {
  /** Each group as word lists. */
  equivalents: string[][][];
  /** Key phrase (words joined by a space) → related phrases as word lists. */
  related: Map<string, string[][]>;
}

export interface Expansion {
  phrase: string;
  /** The phrase's words, as the analyzer splits them. */
  words: string[];
  kind: 'equivalent' | 'related';
  /** The words of the query that called for it, such as "post traumatic stress" for "ptsd". */
  source: string;
}

export function parseSynonyms(data: unknown): SynonymTable {
  const file = SynonymFile.parse(data);
  return {
    equivalents: file.equivalents.map((group) => group.map((phrase) => words(phrase))),
    related: new Map(
      Object.entries(file.related).map(([key, targets]) => [
        words(key).join(' '),
        targets.map((t) => words(t)),
      ]),
    ),
  };
}

/** Every word the table uses: a word typed that the site never uses but the table knows is not misspelt. */
export function synonymWords(table: SynonymTable): Set<string> {
  const phrases = [
    ...table.equivalents.flat(),
    ...[...table.related.values()].flat(),
    ...[...table.related.keys()].map((key) => key.split(' ')),
  ];
  return new Set(phrases.flat());
}

export function loadSynonyms(file = new URL('./synonyms.json', import.meta.url)): SynonymTable {
  return parseSynonyms(JSON.parse(readFileSync(file, 'utf8')));
}

function contains(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  search: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let i = 0; i < needle.length; i++) if (haystack[start + i] !== needle[i]) continue search;
    return true;
  }
  return false;
}

/**
 * The phrases a query also stands for. Equivalents of any phrase in the query come at full weight; related
 * terms (and their equivalents) only one way, at lower weight. Phrases already in the query are skipped.
 */
export function expandQuery(typed: string[], table: SynonymTable): Expansion[] {
  const query = typed.join(' ');
  const seen = new Set<string>([query]);
  const expansions: Expansion[] = [];
  const add = (phrase: string[], kind: Expansion['kind'], source: string[]) => {
    const text = phrase.join(' ');
    if (seen.has(text) || contains(typed, phrase)) return;
    seen.add(text);
    expansions.push({ phrase: text, words: phrase, kind, source: source.join(' ') });
  };
  const groupOf = (phrase: string[]) => {
    const text = phrase.join(' ');
    return table.equivalents.find((group) =>
      group.some((p) => p.length === phrase.length && p.join(' ') === text),
    );
  };

  for (const group of table.equivalents) {
    // The longest phrase of the group that the query holds is what it says ("suicidal thoughts", not
    // "suicidal").
    const source = group.filter((phrase) => contains(typed, phrase)).sort((a, b) => b.length - a.length)[0];
    if (source) for (const phrase of group) add(phrase, 'equivalent', source);
  }
  for (const [key, targets] of table.related) {
    const source = key.split(' ');
    if (!contains(typed, source)) continue;
    for (const target of targets) {
      add(target, 'related', source);
      for (const phrase of groupOf(target) ?? []) add(phrase, 'related', source);
    }
  }
  return expansions;
}
