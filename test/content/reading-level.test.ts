import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownToText } from '../../src/content/markdown.js';
import { loadChecklists } from '../../src/screening/instruments/load.js';
import { bundledContent } from './bundled.js';
import { readingLevel } from './readability.js';

/**
 * Patient-facing text at about grade 6 to 8 (DESIGN.md: plain language), measured with the Flesch–Kincaid
 * grade. Each figure is printed as a diagnostic, so a run shows which page got harder and by how much.
 */

const PAGE_MAX = 9.0;
const MEAN_MAX = 8.0;
/** A checklist question is read alone, by someone who may be anxious: the same ceiling as a page. */
const QUESTION_MAX = 9.0;

describe('reading level of patient-facing text', () => {
  test(`every content page is at grade ${PAGE_MAX} or below, and the mean at ${MEAN_MAX} or below`, (t) => {
    const grades: number[] = [];
    const tooHard: string[] = [];
    for (const item of bundledContent()) {
      const text = [
        item.title,
        item.summary ?? '',
        markdownToText(item.body),
        ...Object.values(item.attributes),
      ].join('\n');
      const { grade, words } = readingLevel(text);
      t.diagnostic(`${item.sourceFile}: grade ${grade.toFixed(1)} (${words} words)`);
      grades.push(grade);
      if (grade > PAGE_MAX) tooHard.push(`${item.sourceFile} (${grade})`);
    }
    const mean = grades.reduce((sum, grade) => sum + grade, 0) / grades.length;
    t.diagnostic(`mean of ${grades.length} pages: grade ${mean.toFixed(2)}`);
    assert.ok(grades.length >= 17, 'every bundled page was measured');
    assert.deepEqual(tooHard, [], `pages above grade ${PAGE_MAX}`);
    assert.ok(mean <= MEAN_MAX, `mean grade ${mean.toFixed(2)} is above ${MEAN_MAX}`);
  });

  test(`every safety checklist question and introduction is at grade ${QUESTION_MAX} or below`, (t) => {
    const tooHard: string[] = [];
    for (const checklist of loadChecklists().values()) {
      const whole = readingLevel(
        [checklist.title, checklist.intro, ...checklist.items.map((item) => item.text)].join('\n'),
      );
      t.diagnostic(`${checklist.id}: grade ${whole.grade.toFixed(1)} over all its questions`);
      for (const [id, text] of [
        [`${checklist.id} intro`, checklist.intro],
        ...checklist.items.map((item) => [item.linkId, item.text]),
      ] as const) {
        const { grade } = readingLevel(text);
        t.diagnostic(`  ${id}: grade ${grade.toFixed(1)}`);
        if (grade > QUESTION_MAX) tooHard.push(`${id} (${grade})`);
      }
    }
    assert.deepEqual(tooHard, [], `checklist text above grade ${QUESTION_MAX}`);
  });

  test('measures a hard sentence as hard and a plain one as plain', () => {
    const plain = readingLevel('You sit in a chair. A nurse checks your blood pressure. You rest after.');
    const hard = readingLevel(
      'Contraindications encompass uncontrolled hypertension, aneurysmal vascular disease, and intracerebral hemorrhage.',
    );
    assert.ok(plain.grade < 4, `plain text measured ${plain.grade}`);
    assert.ok(hard.grade > 14, `hard text measured ${hard.grade}`);
    assert.equal(plain.sentences, 3);
  });
});
