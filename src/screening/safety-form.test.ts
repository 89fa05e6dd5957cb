import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSafetyOutcome } from './safety-form.js';

test('the outcome form names each problem, keeps what was typed, and reads anything odd as empty', () => {
  const missing = parseSafetyOutcome({ outcome: 'reached', note: 'Spoke with them.' });
  assert.equal(missing.ok, false);
  if (missing.ok) return;
  assert.deepEqual(
    missing.errors.map((e) => e.field),
    ['safety-confirm'],
  );
  assert.deepEqual(missing.values, { outcome: 'reached', note: 'Spoke with them.', confirm: false });

  const odd = parseSafetyOutcome({ outcome: ['reached', 'x'], note: ['a', 'b'] });
  assert.equal(odd.ok, false);
  if (odd.ok) return;
  assert.deepEqual(
    odd.errors.map((e) => e.message),
    ['Choose what happened.', 'Write a short note of what you did.'],
  );
  assert.deepEqual(odd.values, { outcome: '', note: '', confirm: false });
  assert.equal(parseSafetyOutcome(null).ok, false);

  const fine = parseSafetyOutcome({ outcome: 'could_not_reach', note: '  Voicemail.  ' });
  assert.deepEqual(fine, { ok: true, value: { outcome: 'could_not_reach', note: 'Voicemail.' } });
});
