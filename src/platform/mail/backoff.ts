/**
 * How long to wait before the next attempt: 30 seconds, doubling with each failure, capped at an hour,
 * with ±20% jitter so that messages which failed together (an SMTP outage) do not all retry together.
 */
export const FIRST_RETRY_MS = 30_000;
export const LONGEST_RETRY_MS = 60 * 60_000;

/** `attempts` is how many attempts have failed so far (1 after the first); `random` returns [0, 1). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20));
  return Math.round(Math.min(LONGEST_RETRY_MS, base * (0.8 + 0.4 * random())));
}
