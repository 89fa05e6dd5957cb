import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryDelayMs } from './backoff.js';
import { errorClass } from './mail-worker.js';

test('retry delays start at 30 s, double, stop at an hour, and jitter by at most 20%', () => {
  const middle = () => 0.5;
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((attempts) => retryDelayMs(attempts, middle) / 1000),
    [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600],
  );
  assert.equal(
    retryDelayMs(1, () => 0),
    24_000,
  );
  assert.equal(
    retryDelayMs(1, () => 0.999_999),
    36_000,
  );
  assert.equal(
    retryDelayMs(20, () => 0.999_999),
    3_600_000,
    'the cap holds after jitter',
  );
});

test('an error is logged by its class, never by its text', () => {
  const smtp = Object.assign(new Error('Recipient command failed: 550 <jane@example.net> unknown'), {
    code: 'EENVELOPE',
    responseCode: 550,
  });
  assert.equal(errorClass(smtp), 'EENVELOPE 550');
  assert.equal(errorClass(new TypeError('jane@example.net')), 'TypeError');
  assert.equal(errorClass('a string'), 'unknown');
});
