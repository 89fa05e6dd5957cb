import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createCrisisMatcher, loadCrisisPhrases, parseCrisisPhrases } from './crisis.js';

/** The expected answers, written down before the matcher was (relevance/crisis-queries.json). */
const expected = JSON.parse(
  readFileSync(new URL('./relevance/crisis-queries.json', import.meta.url), 'utf8'),
) as { crisis: string[]; ordinary: string[] };

const matcher = createCrisisMatcher(loadCrisisPhrases());

describe('crisis phrases heard in a search', () => {
  test('every crisis phrasing of the expected-answers table is heard, misspelt or in lay words', () => {
    assert.ok(expected.crisis.length >= 30, 'at least 30 crisis phrasings');
    assert.deepEqual(
      expected.crisis.filter((q) => !matcher.heard(q)),
      [],
      'crisis phrasings the matcher missed',
    );
  });

  test('no ordinary clinic question of the table is taken for a crisis', () => {
    assert.ok(expected.ordinary.length >= 30, 'at least 30 ordinary queries');
    assert.deepEqual(
      expected.ordinary.filter((q) => matcher.heard(q)),
      [],
      'ordinary queries taken for a crisis',
    );
  });

  test('an empty search, or one of only punctuation, is not a crisis', () => {
    for (const q of ['', '   ', '?!', '-']) assert.equal(matcher.heard(q), false, JSON.stringify(q));
  });
});

describe('crisis matching rules', () => {
  const table = (phrases: string[], more: { misspellings?: string[]; ordinary?: string[] } = {}) =>
    createCrisisMatcher(parseCrisisPhrases({ phrases, ...more }));

  test('a phrase counts only whole and in order: its words apart are ordinary words', () => {
    const m = table(['kill myself']);
    assert.equal(m.heard('i want to kill myself'), true);
    assert.equal(m.heard('kill'), false);
    assert.equal(m.heard('myself'), false);
    assert.equal(m.heard('myself kill'), false);
    assert.equal(m.heard('kill the pain, then myself'), false);
  });

  test('case, accents, apostrophes, hyphens and other endings of a word do not matter', () => {
    assert.equal(table(['self harm']).heard('SELF-HARMING'), true);
    assert.equal(table(['suicide']).heard('Suïcide'), true);
    assert.equal(table(['dont want to live']).heard('I don’t want to live'), true);
    assert.equal(table(['end my life']).heard('ending my life'), true);
  });

  test('a stem of one or two letters matches nothing but the word itself ("dyed" is not "dying")', () => {
    const m = table(['dying']);
    assert.equal(m.heard('dying'), true);
    assert.equal(m.heard('hair dyed before tms'), false);
  });

  test('slips: none up to five letters, one to nine, two from ten, and never in the first letter', () => {
    assert.equal(table(['dying']).heard('lying'), false, 'five letters: exact');
    assert.equal(table(['dying']).heard('dyingg'), false, 'five letters: exact');
    assert.equal(table(['suicide']).heard('sucide'), true, 'seven letters: one letter missing');
    assert.equal(table(['suicide']).heard('suicdie'), true, 'seven letters: two letters swapped');
    assert.equal(table(['suicide']).heard('sucde'), false, 'seven letters: two slips are too many');
    assert.equal(table(['overdose']).heard('overdo'), false, 'overdo is two letters from overdose');
    assert.equal(table(['sewerslide']).heard('sewerslyd'), true, 'ten letters: two slips');
    assert.equal(table(['cutting myself']).heard('putting myself first'), false, 'first letter differs');
  });

  test('a listed misspelling is matched as written, with no other endings or slips', () => {
    const m = table(['dying'], { misspellings: ['dieing'] });
    assert.equal(m.heard('dieing'), true);
    assert.equal(m.heard('die'), false, '"dieing" stems to "die"');
    assert.equal(m.heard('dieting before an infusion'), false, '"dieting" is one letter from "dieing"');
  });

  test('a word listed as ordinary is never taken for a slip of a crisis word', () => {
    assert.equal(table(['overdose']).heard('he overdoes it'), true, 'two letters swapped');
    assert.equal(table(['overdose'], { ordinary: ['overdoes'] }).heard('he overdoes it'), false);
    assert.equal(table(['overdose'], { ordinary: ['overdoes'] }).heard('overdosing'), true);
  });

  test('two words typed as one listed word, and "just", "really" or "even" inside a phrase', () => {
    assert.equal(table(['kill myself']).heard('kill my self'), true);
    assert.equal(table(['want to die']).heard('want to just die'), true);
    assert.equal(table(['dont want to live']).heard('dont even want to live'), true);
    assert.equal(table(['want to die']).heard('just want to die'), true);
    assert.equal(table(['want to die']).heard('want to not die'), false);
  });

  test('a malformed phrase file is refused when it is loaded, not at the first search', () => {
    assert.throws(() => parseCrisisPhrases({ phrases: [] }));
    assert.throws(() => parseCrisisPhrases({ phrases: ['suicide'], ordinary: 'overdoes' }));
  });
});
