import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitingLabel } from './waiting.js';

test('waiting times read in minutes, then hours and minutes, then days and hours', () => {
  const now = new Date('2026-11-25T18:00:00.000Z');
  const cases: [string, string][] = [
    ['2026-11-25T18:00:30.000Z', 'waiting 0 min'],
    ['2026-11-25T17:15:00.000Z', 'waiting 45 min'],
    ['2026-11-25T15:45:00.000Z', 'waiting 2 h 15 min'],
    ['2026-11-24T17:00:00.000Z', 'waiting 25 h 0 min'],
    ['2026-11-22T14:00:00.000Z', 'waiting 3 d 4 h'],
  ];
  for (const [since, label] of cases) assert.equal(waitingLabel(since, now), label, since);
});
