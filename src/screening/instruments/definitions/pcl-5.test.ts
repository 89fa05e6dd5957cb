import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { score } from '../engine.js';
import { loadInstruments } from '../load.js';

const pcl5 = loadInstruments().get('pcl-5')!;
const answersOf = (values: number[]) => {
  assert.equal(values.length, 20);
  return Object.fromEntries(values.map((value, index) => [`pcl5-${index + 1}`, value]));
};
/** `twos` items rated 2 followed by items rated 1, 20 in all: a total of 20 + twos. */
const twosThenOnes = (twos: number) => answersOf([...Array(twos).fill(2), ...Array(20 - twos).fill(1)]);

describe('PCL-5 definition', () => {
  test('has twenty items 0–4 with the published answers', () => {
    assert.equal(pcl5.items.length, 20);
    assert.deepEqual(
      pcl5.answerSets.bother!.map((option) => [option.value, option.display]),
      [
        [0, 'Not at all'],
        [1, 'A little bit'],
        [2, 'Moderately'],
        [3, 'Quite a bit'],
        [4, 'Extremely'],
      ],
    );
    assert.equal(pcl5.stem, 'In the past month, how much were you bothered by:');
  });

  test('clusters are B 1–5, C 6–7, D 8–14, E 15–20', () => {
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `pcl5-${from + i}`);
    assert.deepEqual(pcl5.scoring.clusters, [
      { id: 'B', label: pcl5.scoring.clusters![0]!.label, items: range(1, 5) },
      { id: 'C', label: pcl5.scoring.clusters![1]!.label, items: range(6, 7) },
      { id: 'D', label: pcl5.scoring.clusters![2]!.label, items: range(8, 14) },
      { id: 'E', label: pcl5.scoring.clusters![3]!.label, items: range(15, 20) },
    ]);
  });

  test('the cut-off defaults to 33 and may be set from 31 to 33', () => {
    assert.deepEqual(pcl5.scoring.probable?.cutoff, { default: 33, min: 31, max: 33 });
    assert.ok(pcl5.groups.length >= 4 && pcl5.groups.length <= 5);
  });
});

describe('PCL-5 scoring', () => {
  test('worked example: total 49 with cluster sums B 14, C 7, D 14, E 14', () => {
    const result = score(pcl5, answersOf([3, 2, 4, 3, 2, 4, 3, 1, 2, 3, 2, 3, 2, 1, 2, 1, 3, 3, 2, 3]));
    assert.equal(result.complete, true);
    assert.equal(result.total, 49);
    assert.deepEqual(result.clusters, { B: 14, C: 7, D: 14, E: 14 });
    assert.equal(result.probable, true);
    assert.equal(result.band?.id, 'probable-ptsd');
    assert.deepEqual(result.safety, []);
  });

  test('all at 0 and all at 4 give the ends of every range', () => {
    const none = score(pcl5, answersOf(Array(20).fill(0)));
    assert.equal(none.total, 0);
    assert.deepEqual(none.clusters, { B: 0, C: 0, D: 0, E: 0 });
    const most = score(pcl5, answersOf(Array(20).fill(4)));
    assert.equal(most.total, 80);
    assert.deepEqual(most.clusters, { B: 20, C: 8, D: 28, E: 24 });
  });

  test('cluster sums follow the items, not their position in the total', () => {
    const onlyE = score(pcl5, answersOf([...Array(14).fill(0), 4, 3, 2, 1, 0, 4]));
    assert.deepEqual(onlyE.clusters, { B: 0, C: 0, D: 0, E: 14 });
    const onlyC = score(pcl5, answersOf([0, 0, 0, 0, 0, 4, 1, ...Array(13).fill(0)]));
    assert.deepEqual(onlyC.clusters, { B: 0, C: 5, D: 0, E: 0 });
  });

  test('default cut-off: 32 is below, 33 is probable PTSD', () => {
    const below = score(pcl5, twosThenOnes(12));
    assert.equal(below.total, 32);
    assert.deepEqual(below.clusters, { B: 10, C: 4, D: 12, E: 6 });
    assert.equal(below.probable, false);
    assert.equal(below.band?.id, 'below-cutoff');
    const at = score(pcl5, twosThenOnes(13));
    assert.equal(at.total, 33);
    assert.equal(at.probable, true);
    assert.equal(at.band?.id, 'probable-ptsd');
    assert.equal(at.band?.label, 'Probable PTSD');
  });

  test('cut-off configured to 31: 30 is below, 31 and 32 are probable PTSD', () => {
    const options = { probableCutoff: 31 };
    assert.equal(score(pcl5, twosThenOnes(10), options).probable, false);
    assert.equal(score(pcl5, twosThenOnes(10), options).total, 30);
    assert.equal(score(pcl5, twosThenOnes(11), options).probable, true);
    assert.equal(score(pcl5, twosThenOnes(12), options).probable, true);
  });

  test('cut-off configured to 32: 31 is below, 32 is probable PTSD', () => {
    assert.equal(score(pcl5, twosThenOnes(11), { probableCutoff: 32 }).probable, false);
    assert.equal(score(pcl5, twosThenOnes(12), { probableCutoff: 32 }).probable, true);
  });

  test('a cut-off outside 31–33 is refused', () => {
    for (const probableCutoff of [30, 34, 32.5])
      assert.throws(() => score(pcl5, twosThenOnes(12), { probableCutoff }), /from 31 to 33/);
  });
});

describe('PCL-5 missing answers', () => {
  test('nineteen of twenty answered: incomplete, no total, clusters or cut-off result', () => {
    const answers = answersOf(Array(20).fill(4));
    delete answers['pcl5-12'];
    const result = score(pcl5, answers);
    assert.deepEqual(result, { complete: false, total: null, band: null, safety: [], missing: ['pcl5-12'] });
  });

  test('the definition states the rule and why it does not prorate', () => {
    assert.equal(pcl5.missing.rule, 'all-scored-items-required');
    assert.match(pcl5.missing.text, /does not guess/);
  });
});
