import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupItems, probableCutoff, score, validateAnswers } from './engine.js';
import { loadInstruments } from './load.js';

const instruments = loadInstruments();
const phq9 = instruments.get('phq-9')!;
const pcl5 = instruments.get('pcl-5')!;
const page1 = groupItems(phq9, 'phq9-page-1');

describe('validateAnswers', () => {
  test('turns form strings into the option values', () => {
    assert.deepEqual(validateAnswers(phq9, { 'phq9-1': '0', 'phq9-2': '3', 'phq9-3': ' 2 ' }, page1), {
      ok: true,
      answers: { 'phq9-1': 0, 'phq9-2': 3, 'phq9-3': 2 },
    });
  });

  test('a value out of range is rejected with a message listing the answers to choose from', () => {
    const result = validateAnswers(phq9, { 'phq9-1': '4', 'phq9-2': '-1', 'phq9-3': '0' }, page1);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors, [
      {
        linkId: 'phq9-1',
        message:
          'Choose one of the answers to “Little interest or pleasure in doing things”: “Not at all”, “Several days”, “More than half the days” or “Nearly every day”.',
      },
      {
        linkId: 'phq9-2',
        message:
          'Choose one of the answers to “Feeling down, depressed, or hopeless”: “Not at all”, “Several days”, “More than half the days” or “Nearly every day”.',
      },
    ]);
    assert.deepEqual(result.answers, { 'phq9-3': 0 });
  });

  test('a value that is not a number, or not a whole one, is rejected', () => {
    for (const value of ['two', '1.0', '01', '1e0', 'NaN', '0x1', true, {}]) {
      const result = validateAnswers(phq9, { 'phq9-1': value, 'phq9-2': '0', 'phq9-3': '0' }, page1);
      assert.equal(result.ok, false, `${String(value)} must be refused`);
      assert.match(
        !result.ok ? result.errors[0]!.message : '',
        /^Choose one of the answers to “Little interest/,
      );
    }
  });

  test('two values for one question are rejected', () => {
    const result = validateAnswers(phq9, { 'phq9-1': ['0', '1'], 'phq9-2': '0', 'phq9-3': '0' }, page1);
    assert.match(!result.ok ? result.errors[0]!.message : '', /^Choose only one answer/);
  });

  test('numbers are accepted as well as strings', () => {
    const result = validateAnswers(phq9, { 'phq9-1': 1, 'phq9-2': 0, 'phq9-3': 3 }, page1);
    assert.deepEqual(result, { ok: true, answers: { 'phq9-1': 1, 'phq9-2': 0, 'phq9-3': 3 } });
  });

  test('an unknown item is rejected', () => {
    const result = validateAnswers(
      phq9,
      { 'phq9-1': '0', 'phq9-2': '0', 'phq9-3': '0', 'phq9-10': '1' },
      page1,
    );
    assert.deepEqual(!result.ok && result.errors, [
      { linkId: 'phq9-10', message: 'This answer does not belong to any question on this form.' },
    ]);
  });

  test('an item from another page is rejected on this page', () => {
    const result = validateAnswers(
      phq9,
      { 'phq9-1': '0', 'phq9-2': '0', 'phq9-3': '0', 'phq9-4': '1' },
      page1,
    );
    assert.equal(!result.ok && result.errors[0]!.linkId, 'phq9-4');
    assert.match(!result.ok ? result.errors[0]!.message : '', /is not on this page/);
  });

  test('an unanswered question on the page is an error saying what to do', () => {
    const result = validateAnswers(phq9, { 'phq9-1': '1', 'phq9-2': '' }, page1);
    assert.deepEqual(!result.ok && result.errors, [
      { linkId: 'phq9-2', message: 'Choose an answer to “Feeling down, depressed, or hopeless”.' },
      {
        linkId: 'phq9-3',
        message: 'Choose an answer to “Trouble falling or staying asleep, or sleeping too much”.',
      },
    ]);
  });

  test('a long question is quoted by its first clause, or cut at a word boundary', () => {
    const messages = (instrument: typeof phq9, linkId: string) => {
      const result = validateAnswers(instrument, {}, [linkId]);
      return !result.ok ? result.errors[0]!.message : '';
    };
    assert.equal(
      messages(phq9, 'phq9-8'),
      'Choose an answer to “Moving or speaking so slowly that other people could have noticed…”.',
    );
    assert.equal(messages(phq9, 'phq9-6'), 'Choose an answer to “Feeling bad about yourself…”.');
    assert.equal(
      messages(pcl5, 'pcl5-9'),
      'Choose an answer to “Having strong negative beliefs about yourself, other people, or the world…”.',
    );
    assert.equal(messages(phq9, 'phq9-difficulty'), '', 'the optional difficulty question may be left blank');
  });

  test('without itemIds the whole instrument is checked', () => {
    const result = validateAnswers(pcl5, {});
    assert.equal(!result.ok && result.errors.length, 20);
  });

  test('itemIds naming an item the instrument lacks is a programming error', () => {
    assert.throws(() => validateAnswers(phq9, {}, ['phq9-42']), /no question "phq9-42"/);
    assert.throws(() => groupItems(phq9, 'nope'), /no group "nope"/);
  });
});

describe('score refuses data it cannot trust', () => {
  test('an answer for an item the instrument lacks', () => {
    assert.throws(() => score(phq9, { 'phq9-1': 0, 'gad7-1': 1 }), /has no item "gad7-1"/);
  });

  test('a value that is not one of the item’s answers', () => {
    assert.throws(() => score(phq9, { 'phq9-1': 4 }), /4 is not an answer to "phq9-1"/);
    assert.throws(() => score(pcl5, { 'pcl5-1': 1.5 }), /not an answer/);
  });

  test('a cut-off for an instrument without one', () => {
    assert.throws(() => score(phq9, {}, { probableCutoff: 10 }), RangeError);
  });
});

describe('probableCutoff', () => {
  test('returns the default, or the configured value when allowed', () => {
    assert.equal(probableCutoff(pcl5), 33);
    assert.equal(probableCutoff(pcl5, 31), 31);
    assert.equal(probableCutoff(phq9), null);
    assert.throws(() => probableCutoff(pcl5, 29), RangeError);
  });
});
