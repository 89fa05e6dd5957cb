import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadClinicProfile } from './clinic.js';

/**
 * The clinic profile's age policy (issue 13): whom the clinic sees, checked at start with an error that says
 * what is wrong and how to write it. The demo clinic's own file is the base every case changes.
 */

const demo = readFileSync(new URL('../../../config/demo-clinic.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'haven-ages-'));

function withAges(ages: string | null) {
  const file = path.join(dir, `clinic-${Math.random().toString(36).slice(2)}.yaml`);
  const base = demo.replace(/^ages:\n(?: {2}.*\n)+/m, '');
  writeFileSync(file, ages === null ? base : `${base}\nages: ${ages}\n`);
  return { file, result: loadClinicProfile(file) };
}

describe('the age policy in the clinic profile', () => {
  test('the demo clinic sees people from 15, young people with a parent or guardian', () => {
    const result = loadClinicProfile(new URL('../../../config/demo-clinic.yaml', import.meta.url).pathname);
    assert.ok(result.ok);
    assert.deepEqual(result.profile.ages, { minimum: 15, under18: true });
  });

  test('adults only is written { minimum: 18 }, and is what a profile without ages means', () => {
    const adults = withAges('{ minimum: 18 }').result;
    assert.ok(adults.ok);
    assert.deepEqual(adults.profile.ages, { minimum: 18, under18: false });
    const unset = withAges(null).result;
    assert.ok(unset.ok);
    assert.deepEqual(unset.profile.ages, { minimum: 18, under18: false });
  });

  const refused: [ages: string, message: string][] = [
    ['{ minimum: 15 }', 'ages.under18 must say under18: true exactly when the minimum age is below 18'],
    [
      '{ minimum: 18, under18: true }',
      'ages.under18 must say under18: true exactly when the minimum age is below 18',
    ],
    ['{ minimum: "eighteen" }', 'ages.minimum must be a whole number of years, such as 18'],
    ['{ minimum: 15.5, under18: true }', 'ages.minimum must be a whole number of years, such as 18'],
    ['{ minimum: 0, under18: true }', 'ages.minimum must be at least 1'],
    ['{ minimum: 15, under18: "yes" }', 'ages.under18 must be true or false'],
    ['{ minimum: 18, under17: true }', 'ages.under17 is not a known field (check its spelling)'],
  ];
  for (const [ages, message] of refused) {
    test(`ages: ${ages} is refused with "${message}"`, () => {
      const { file, result } = withAges(ages);
      assert.deepEqual(result, { ok: false, error: `points to "${file}", where ${message}` });
    });
  }

  test('an on-call service must say what it does', () => {
    const file = path.join(dir, 'on-call.yaml');
    writeFileSync(file, `${demo}\nonCall:\n  description: "Call us"\n`);
    assert.deepEqual(loadClinicProfile(file), {
      ok: false,
      error: `points to "${file}", where onCall.description must be a sentence saying what the on-call service does`,
    });
  });
});

describe('closures in the clinic profile', () => {
  test('a closure that is not a date is refused, saying how to write one', () => {
    const file = path.join(dir, 'closures.yaml');
    writeFileSync(file, demo.replace(/^closures: .*$/m, 'closures: ["25 December"]'));
    assert.deepEqual(loadClinicProfile(file), {
      ok: false,
      error: `points to "${file}", where closures[0] must list dates such as "2026-12-25"`,
    });
  });
});
