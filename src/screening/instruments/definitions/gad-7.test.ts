import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupItems, score, validateAnswers } from '../engine.js';
import { loadInstruments } from '../load.js';

const gad7 = loadInstruments().get('gad-7')!;
const answersOf = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`gad7-${index + 1}`, value]));

describe('GAD-7 definition', () => {
  test('has seven scored items 0–3 and the codes of the issue', () => {
    assert.equal(gad7.items.filter((item) => item.scored).length, 7);
    assert.deepEqual(gad7.loinc, { panel: '69737-5', total: '70274-6' });
    assert.deepEqual(
      gad7.answerSets.frequency!.map((option) => option.value),
      [0, 1, 2, 3],
    );
    assert.ok(gad7.groups.length >= 2 && gad7.groups.length <= 3);
    assert.equal(gad7.items.filter((item) => item.safety).length, 0);
  });
});

describe('GAD-7 scoring', () => {
  test('worked example: 2,1,2,1,0,1,1 is 8, mild, below the cut-off of 10', () => {
    const result = score(gad7, answersOf([2, 1, 2, 1, 0, 1, 1]));
    assert.equal(result.complete, true);
    assert.equal(result.total, 8);
    assert.equal(result.band?.id, 'mild');
    assert.equal(result.probable, false);
  });

  test('worked example: 3,3,2,2,1,2,3 is 16, severe, probable GAD', () => {
    const result = score(gad7, { ...answersOf([3, 3, 2, 2, 1, 2, 3]), 'gad7-difficulty': 2 });
    assert.equal(result.total, 16);
    assert.equal(result.band?.id, 'severe');
    assert.equal(result.probable, true);
  });

  const boundaries: [number[], number, string, boolean][] = [
    [[0, 0, 0, 0, 0, 0, 0], 0, 'minimal', false],
    [[1, 1, 1, 1, 0, 0, 0], 4, 'minimal', false],
    [[1, 1, 1, 1, 1, 0, 0], 5, 'mild', false],
    [[2, 2, 2, 1, 1, 1, 0], 9, 'mild', false],
    [[2, 2, 2, 1, 1, 1, 1], 10, 'moderate', true],
    [[2, 2, 2, 2, 2, 2, 2], 14, 'moderate', true],
    [[3, 2, 2, 2, 2, 2, 2], 15, 'severe', true],
    [[3, 3, 3, 3, 3, 3, 3], 21, 'severe', true],
  ];
  for (const [values, total, band, probable] of boundaries) {
    test(`boundary: total ${total} is ${band}${probable ? ', probable GAD' : ''}`, () => {
      const result = score(gad7, answersOf(values));
      assert.equal(result.total, total);
      assert.equal(result.band?.id, band);
      assert.equal(result.probable, probable);
    });
  }

  test('the cut-off of 10 is fixed: it cannot be configured', () => {
    assert.throws(() => score(gad7, answersOf([1, 1, 1, 1, 1, 1, 1]), { probableCutoff: 8 }), RangeError);
  });
});

describe('GAD-7 missing answers', () => {
  test('six of seven answered: incomplete, no total, band or cut-off result', () => {
    const answers = answersOf([3, 3, 3, 3, 3, 3, 3]);
    delete answers['gad7-7'];
    const result = score(gad7, answers);
    assert.deepEqual(result, { complete: false, total: null, band: null, safety: [], missing: ['gad7-7'] });
  });

  test('nothing answered lists every scored item as missing, not the difficulty question', () => {
    assert.deepEqual(score(gad7, {}).missing, [
      'gad7-1',
      'gad7-2',
      'gad7-3',
      'gad7-4',
      'gad7-5',
      'gad7-6',
      'gad7-7',
    ]);
  });
});

describe('GAD-7 invalid values', () => {
  const page1 = groupItems(gad7, 'gad7-page-1');
  const choices = '“Not at all”, “Several days”, “More than half the days” or “Nearly every day”';

  test('a value out of range is rejected with a message naming the question and the answers', () => {
    const result = validateAnswers(
      gad7,
      { 'gad7-1': '4', 'gad7-2': '-1', 'gad7-3': '0', 'gad7-4': '3' },
      page1,
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [
      {
        linkId: 'gad7-1',
        message: `Choose one of the answers to “Feeling nervous, anxious, or on edge”: ${choices}.`,
      },
      {
        linkId: 'gad7-2',
        message: `Choose one of the answers to “Not being able to stop or control worrying”: ${choices}.`,
      },
    ]);
    assert.deepEqual(result.answers, { 'gad7-3': 0, 'gad7-4': 3 }, 'the valid answers are kept');
  });

  test('a value that is not a whole number, or two values for one question, is rejected', () => {
    for (const value of ['often', '2.5', '1e0', '', ['1', '2']]) {
      const result = validateAnswers(
        gad7,
        { 'gad7-1': value, 'gad7-2': '0', 'gad7-3': '0', 'gad7-4': '0' },
        page1,
      );
      assert.equal(result.ok, false, `${JSON.stringify(value)} must be refused`);
      assert.match(
        !result.ok ? result.errors[0]!.message : '',
        /^Choose (an answer|one of the answers|only one answer) to “Feeling nervous/,
      );
    }
  });

  test('a difficulty value outside its own answers is rejected with a message', () => {
    const page2 = groupItems(gad7, 'gad7-page-2');
    const result = validateAnswers(
      gad7,
      { 'gad7-5': '0', 'gad7-6': '0', 'gad7-7': '0', 'gad7-difficulty': '4' },
      page2,
    );
    assert.equal(!result.ok && result.errors[0]?.linkId, 'gad7-difficulty');
    assert.match(
      !result.ok ? result.errors[0]!.message : '',
      /^Choose one of the answers to “If you checked off any problems/,
    );
  });

  test('a PHQ-9 answer sent to the GAD-7 page is rejected', () => {
    const result = validateAnswers(
      gad7,
      { 'gad7-1': '0', 'gad7-2': '0', 'gad7-3': '0', 'gad7-4': '0', 'phq9-9': '1' },
      page1,
    );
    assert.deepEqual(!result.ok && result.errors, [
      { linkId: 'phq9-9', message: 'This answer does not belong to any question on this form.' },
    ]);
  });

  test('a stored value that is not an answer is refused when scoring, not added up', () => {
    assert.throws(() => score(gad7, answersOf([3, 3, 3, 3, 3, 3, 4])), /4 is not an answer to "gad7-7"/);
  });
});
