import { WEEKDAYS, type Weekday } from '../platform/config/clinic.js';
import { weekdayNames } from './messages.js';

export interface OpeningHours {
  days: Weekday[];
  opens: string;
  closes: string;
}

export interface HoursLine {
  days: string;
  times: string;
}

/** "08:30" as the clinic writes it on a sign: "8:30 AM". Wall-clock time, so no time zone shifts it. */
export function formatClockTime(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    Date.UTC(2000, 0, 1, hours, minutes),
  );
}

/** Consecutive days read as a range ("Monday to Friday"); others as a list ("Monday, Wednesday, and Friday"). */
export function formatDays(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const indexes = sorted.map((day) => WEEKDAYS.indexOf(day));
  const consecutive = indexes.every((index, i) => i === 0 || index === indexes[i - 1]! + 1);
  const names = sorted.map((day) => weekdayNames[day]);
  if (names.length >= 3 && consecutive) return `${names[0]} to ${names.at(-1)}`;
  return new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' }).format(names);
}

export function formatOpeningHours(hours: readonly OpeningHours[]): HoursLine[] {
  return hours.map((entry) => ({
    days: formatDays(entry.days),
    times: `${formatClockTime(entry.opens)} to ${formatClockTime(entry.closes)}`,
  }));
}

/** The time zone as people say it, such as "Central Time", whatever the season. */
export function timeZoneName(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(
    Date.UTC(2026, 0, 1),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** Formatters are costly to build and safe to share: one per time zone. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The clinic's own day and minute of the day at an instant, in its time zone. */
export function clinicWallClock(at: Date, timeZone: string): { day: Weekday; minutes: number } {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    day: WEEKDAY_OF[get('weekday')] ?? 'mon',
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** True when at least one location is open at this instant. */
export function isClinicOpen(
  locations: readonly { hours: readonly OpeningHours[] }[],
  timeZone: string,
  at: Date,
): boolean {
  const { day, minutes } = clinicWallClock(at, timeZone);
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return locations.some((location) =>
    location.hours.some(
      (hours) =>
        hours.days.includes(day) && toMinutes(hours.opens) <= minutes && minutes < toMinutes(hours.closes),
    ),
  );
}

/** Whole minutes between two instants during which the clinic was open (counted minute by minute, 7 days at most). */
export function openMinutesBetween(
  locations: readonly { hours: readonly OpeningHours[] }[],
  timeZone: string,
  from: Date,
  to: Date,
): number {
  let open = 0;
  const end = Math.min(to.getTime(), from.getTime() + 7 * 24 * 60 * 60_000);
  for (let at = from.getTime(); at + 60_000 <= end; at += 60_000) {
    if (isClinicOpen(locations, timeZone, new Date(at))) open += 1;
  }
  return open;
}
