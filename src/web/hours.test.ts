import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDays, formatOpeningHours, timeZoneName } from './hours.js';

test('opening hours read as a person would write them on a sign', () => {
  assert.deepEqual(
    formatOpeningHours([{ days: ['fri', 'mon', 'tue', 'wed', 'thu'], opens: '08:00', closes: '17:30' }]),
    [{ days: 'Monday to Friday', times: '8:00 AM to 5:30 PM' }],
  );
  assert.equal(formatDays(['mon', 'wed', 'fri']), 'Monday, Wednesday, and Friday');
  assert.equal(formatDays(['sat', 'sun']), 'Saturday and Sunday');
  assert.equal(formatDays(['sun']), 'Sunday');
  assert.deepEqual(
    formatOpeningHours([{ days: ['sat'], opens: '00:00', closes: '12:00' }])[0]!.times,
    '12:00 AM to 12:00 PM',
  );
});

test('time zones are named the way people say them, whatever the season', () => {
  assert.equal(timeZoneName('America/Chicago'), 'Central Time');
  assert.equal(timeZoneName('America/Los_Angeles'), 'Pacific Time');
});
