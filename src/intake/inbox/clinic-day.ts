/**
 * The inbox filters by the days staff read in the list, which are the clinic's days: "received on 24
 * November" in Chicago runs from 06:00 UTC that day to 06:00 UTC the next (05:00 in summer).
 */

/** The clinic's wall clock at an instant, as numbers (month 1 to 12, hour 0 to 23). */
export function clinicWallClock(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** How far the clinic's wall clock is ahead of UTC at an instant, in milliseconds (negative west of UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const c = clinicWallClock(instant, timeZone);
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a day (YYYY-MM-DD) begins in the clinic's time zone. */
export function startOfClinicDay(day: string, timeZone: string): Date {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const guess = midnight - offsetAt(midnight, timeZone);
  // The offset at the answer itself, which differs from the guess's when the clocks change that night.
  return new Date(midnight - offsetAt(guess, timeZone));
}

/** The instant the day after `day` begins in the clinic's time zone: the end of "received until `day`". */
export function endOfClinicDay(day: string, timeZone: string): Date {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return startOfClinicDay(next, timeZone);
}
