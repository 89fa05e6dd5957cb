import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endOfClinicDay, startOfClinicDay } from './clinic-day.js';

const day = (date: string, zone: string) => [
  startOfClinicDay(date, zone).toISOString(),
  endOfClinicDay(date, zone).toISOString(),
];

test('a day in the clinic’s zone, in winter, in summer and on the days the clocks change', () => {
  const chicago = 'America/Chicago';
  assert.deepEqual(day('2026-11-24', chicago), ['2026-11-24T06:00:00.000Z', '2026-11-25T06:00:00.000Z']);
  assert.deepEqual(day('2026-07-04', chicago), ['2026-07-04T05:00:00.000Z', '2026-07-05T05:00:00.000Z']);
  // 1 November 2026 lasts 25 hours in Chicago, 8 March 2026 23 hours.
  assert.deepEqual(day('2026-11-01', chicago), ['2026-11-01T05:00:00.000Z', '2026-11-02T06:00:00.000Z']);
  assert.deepEqual(day('2026-03-08', chicago), ['2026-03-08T06:00:00.000Z', '2026-03-09T05:00:00.000Z']);
  assert.deepEqual(day('2026-12-31', chicago), ['2026-12-31T06:00:00.000Z', '2027-01-01T06:00:00.000Z']);
  assert.deepEqual(day('2026-11-24', 'UTC'), ['2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z']);
  assert.deepEqual(day('2026-11-24', 'Asia/Kolkata'), [
    '2026-11-23T18:30:00.000Z',
    '2026-11-24T18:30:00.000Z',
  ]);
});
