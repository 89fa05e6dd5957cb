import type { ClinicProfile, Weekday } from '../platform/config/clinic.js';
import { formatClockTime } from '../web/hours.js';
import { weekdayNames } from '../web/messages.js';

/**
 * When the person can expect to hear from us, told honestly from the opening hours: "today" only when the
 * team is in and has time left, otherwise the next opening, named by day and time in the clinic's zone.
 */

const ORDER: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function clinicClock(now: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export interface NextContact {
  /** True when someone is in now with at least an hour left before closing. */
  openNow: boolean;
  text: string;
}

export function nextContact(clinic: ClinicProfile, now: Date): NextContact {
  const intervals = clinic.locations.flatMap((location) =>
    location.hours.flatMap((hours) =>
      hours.days.map((day) => ({
        day,
        opens: toMinutes(hours.opens),
        closes: toMinutes(hours.closes),
        label: hours.opens,
      })),
    ),
  );
  const clock = clinicClock(now, clinic.timeZone);
  const openNow = intervals.some(
    (interval) =>
      interval.day === clock.day && interval.opens <= clock.minutes && clock.minutes <= interval.closes - 60,
  );
  if (openNow) {
    return {
      openNow,
      text: 'Our team is in today. We usually call or write back within a few hours, and always before we close today.',
    };
  }
  const today = ORDER.indexOf(clock.day);
  for (let offset = 0; offset < 8; offset += 1) {
    const day = ORDER[(today + offset) % 7]!;
    const opening = intervals
      .filter((interval) => interval.day === day && (offset > 0 || interval.opens > clock.minutes))
      .sort((a, b) => a.opens - b.opens)[0];
    if (!opening) continue;
    const when = offset === 0 ? 'later today' : offset === 1 ? 'tomorrow' : `on ${weekdayNames[day]}`;
    return {
      openNow,
      text: `Our team is away right now. We will be in touch after we open ${when} at ${formatClockTime(opening.label)}, usually within a few hours of opening.`,
    };
  }
  return { openNow, text: 'We will be in touch as soon as our team is back.' };
}
