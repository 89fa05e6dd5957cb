import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/**
 * Flesch–Kincaid grade of patient-facing text. Syllables come from `syllable` and the formula from
 * `flesch-kincaid`; only the splitting into sentences and words is ours.
 *
 * Sentences: each line is at least one sentence (markdownToText puts every paragraph, list item, heading
 * and table cell on its own line, and a list item is read as one unit), split further after . ? ! or :
 * followed by a space.
 * Words: runs of letters, with inner apostrophes and hyphens ("don't", "follow-up"). A hyphenated word
 * counts as one word with the syllables of its parts. Numbers are not words here: "3,000" has no syllables
 * a reader must decode.
 */

/**
 * Terms a patient page cannot do without: names of the treatments, devices, medicines and conditions the
 * page is about, each explained on first use. They count as words of one syllable, so the gate measures
 * the writing around them, not the unavoidable name. Add a term only if no plain word can replace it.
 */
export const EXEMPT_TERMS = new Set([
  // the treatments and devices the site is about
  'ketamine',
  'esketamine',
  'spravato',
  'transcranial',
  'magnetic',
  'stimulation',
  'theta-burst',
  // the conditions they treat
  'depression',
  'antidepressant',
  'antidepressants',
  'obsessive-compulsive',
  'bipolar',
  // medicines a person must recognise by name on a safety checklist
  'benzodiazepine',
  'benzodiazepines',
  'bupropion',
  'clozapine',
  'oxycodone',
  'hydrocodone',
  'methadone',
  'buprenorphine',
  'tramadol',
  'modafinil',
]);

export interface Reading {
  sentences: number;
  words: number;
  syllables: number;
  grade: number;
}

const WORD = /[A-Za-z]+(?:['’-][A-Za-z]+)*/g;

export function readingLevel(text: string): Reading {
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  for (const line of text.split('\n')) {
    for (const sentence of line.split(/(?<=[.?!:])\s+/)) {
      const found = sentence.match(WORD) ?? [];
      if (found.length === 0) continue;
      sentences += 1;
      words += found.length;
      for (const word of found) syllables += EXEMPT_TERMS.has(word.toLowerCase()) ? 1 : syllable(word);
    }
  }
  const grade = words === 0 ? 0 : fleschKincaid({ sentence: sentences, word: words, syllable: syllables });
  return { sentences, words, syllables, grade: Math.round(grade * 10) / 10 };
}
