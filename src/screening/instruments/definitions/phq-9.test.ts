import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { score, validateAnswers } from '../engine.js';
import { loadInstruments } from '../load.js';

const phq9 = loadInstruments().get('phq-9')!;
const answersOf = (values: number[]) =>
  Object.fromEntries(values.map((value, index) => [`phq9-${index + 1}`, value]));

describe('PHQ-9 definition', () => {
  test('has nine scored items 0–3 with the published answers, and the codes of the issue', () => {
    const scored = phq9.items.filter((item) => item.scored);
    assert.equal(scored.length, 9);
    assert.deepEqual(
      phq9.answerSets.frequency!.map((option) => [option.value, option.display]),
      [
        [0, 'Not at all'],
        [1, 'Several days'],
        [2, 'More than half the days'],
        [3, 'Nearly every day'],
      ],
    );
    assert.deepEqual(phq9.loinc, { panel: '44249-1', total: '44261-6' });
    const item9 = phq9.items.find((item) => item.linkId === 'phq9-9')!;
    assert.equal(item9.loinc, '44260-8');
    assert.match(item9.text, /better off dead or of hurting yourself/);
    assert.equal(item9.safety?.itemAbove, 0);
  });

  test('shows three pages of three scored items each', () => {
    assert.deepEqual(
      phq9.groups.map((group) => group.items.filter((id) => id !== 'phq9-difficulty').length),
      [3, 3, 3],
    );
  });
});

describe('PHQ-9 scoring', () => {
  test('worked example: 2,3,1,2,1,2,1,0,0 is 12, moderate, no safety flag', () => {
    const result = score(phq9, answersOf([2, 3, 1, 2, 1, 2, 1, 0, 0]));
    assert.equal(result.complete, true);
    assert.equal(result.total, 12);
    assert.equal(result.band?.id, 'moderate');
    assert.equal(result.band?.label, 'Moderate');
    assert.match(result.band?.meaning ?? '', /treatment plan/);
    assert.deepEqual(result.safety, []);
    assert.equal(result.probable, undefined);
  });

  test('worked example: a low total with item 9 answered still flags safety', () => {
    const result = score(phq9, answersOf([1, 0, 0, 1, 0, 0, 0, 0, 2]));
    assert.equal(result.total, 4);
    assert.equal(result.band?.id, 'minimal');
    assert.deepEqual(result.safety, [{ linkId: 'phq9-9', value: 2 }]);
  });

  const boundaries: [number[], number, string][] = [
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild'],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1], 9, 'mild'],
    [[2, 1, 1, 1, 1, 1, 1, 1, 1], 10, 'moderate'],
    [[2, 2, 2, 2, 2, 1, 1, 1, 1], 14, 'moderate'],
    [[2, 2, 2, 2, 2, 2, 1, 1, 1], 15, 'moderately-severe'],
    [[3, 3, 3, 2, 2, 2, 2, 1, 1], 19, 'moderately-severe'],
    [[3, 3, 3, 3, 2, 2, 2, 1, 1], 20, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe'],
  ];
  for (const [values, total, band] of boundaries) {
    test(`boundary: total ${total} is ${band}`, () => {
      const result = score(phq9, answersOf(values));
      assert.equal(result.total, total);
      assert.equal(result.band?.id, band);
    });
  }

  test('the difficulty question never changes the total', () => {
    const without = score(phq9, answersOf([1, 1, 1, 1, 0, 0, 0, 0, 0]));
    const withIt = score(phq9, { ...answersOf([1, 1, 1, 1, 0, 0, 0, 0, 0]), 'phq9-difficulty': 3 });
    assert.equal(withIt.total, 4);
    assert.deepEqual(withIt, without);
  });
});

describe('PHQ-9 missing answers', () => {
  test('eight of nine answered: incomplete, no total, no band, the missing item named', () => {
    const answers = answersOf([3, 3, 3, 3, 3, 3, 3, 3, 0]);
    delete answers['phq9-5'];
    const result = score(phq9, answers);
    assert.equal(result.complete, false);
    assert.equal(result.total, null);
    assert.equal(result.band, null);
    assert.deepEqual(result.missing, ['phq9-5']);
  });

  test('the optional difficulty question may stay blank', () => {
    assert.equal(score(phq9, answersOf([0, 0, 0, 0, 0, 0, 0, 0, 0])).complete, true);
    const page = validateAnswers(
      phq9,
      { 'phq9-7': '0', 'phq9-8': '0', 'phq9-9': '0' },
      phq9.groups[2]!.items,
    );
    assert.deepEqual(page, { ok: true, answers: { 'phq9-7': 0, 'phq9-8': 0, 'phq9-9': 0 } });
  });

  test('the definition states the rule', () => {
    assert.equal(phq9.missing.rule, 'all-scored-items-required');
    assert.match(phq9.missing.text, /only when all nine/);
  });
});

describe('PHQ-9 item 9', () => {
  test('an answer of 1 flags safety even when everything else is unanswered', () => {
    const result = score(phq9, { 'phq9-9': 1 });
    assert.equal(result.complete, false);
    assert.deepEqual(result.safety, [{ linkId: 'phq9-9', value: 1 }]);
  });

  test('an answer of 0 does not', () => {
    assert.deepEqual(score(phq9, { 'phq9-9': 0 }).safety, []);
  });

  test('a page saved with item 9 at 1 but another question blank still yields the item 9 answer', () => {
    const page = validateAnswers(phq9, { 'phq9-9': '1' }, phq9.groups[2]!.items);
    assert.equal(page.ok, false);
    assert.deepEqual(!page.ok && page.errors.map((error) => error.linkId), ['phq9-7', 'phq9-8']);
    assert.deepEqual(score(phq9, page.answers).safety, [{ linkId: 'phq9-9', value: 1 }]);
  });

  test('every safety answer is listed, whatever its value', () => {
    for (const value of [1, 2, 3])
      assert.deepEqual(score(phq9, { 'phq9-9': value }).safety, [{ linkId: 'phq9-9', value }]);
  });
});
