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
