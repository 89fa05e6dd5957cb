import type { ClinicProfile, Weekday } from '../platform/config/clinic.js';
import { clinicWallClock, formatClockTime } from '../web/hours.js';
import { weekdayNames } from '../web/messages.js';

/**
 * The one promise of when the clinic will be in touch, told honestly from the opening hours in the clinic's
 * zone. Every sentence that says when someone will reply (the confirmation page, the acknowledgement email,
 * the crisis panel and the closing page of the questionnaires) comes from here, so no page can promise more
 * than the hours allow: "today" only when the team is in with at least an hour left; in the last hour the
 * team is in but may not get to it; otherwise the next opening, named by day and time.
 */

const ORDER: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Less than this left before closing, and "today" is no longer a promise the team can keep. */
const ENOUGH_MINUTES = 60;
const CRISIS = 'If you need help before then, call or text 988, or call 911.';

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export interface NextContact {
  /** `in`: open with time left today; `closing`: open, in the last hour; `closed`: no one is in. */
  state: 'in' | 'closing' | 'closed';
  /** Someone is in now (open or in the last hour), so the clinic's phone is answered. */
  openNow: boolean;
  /** When we will reply to a request: the confirmation page and the acknowledgement email. */
  text: string;
  /** What happens after someone told us they think of death or self-harm, and when. */
  urgent: string;
}

interface Interval {
  day: Weekday;
  opens: number;
  closes: number;
  label: string;
}

function intervalsOf(clinic: ClinicProfile): Interval[] {
  return clinic.locations.flatMap((location) =>
    location.hours.flatMap((hours) =>
      hours.days.map((day) => ({
        day,
        opens: toMinutes(hours.opens),
        closes: toMinutes(hours.closes),
        label: hours.opens,
      })),
    ),
  );
}

/** The clinic's calendar date (YYYY-MM-DD) at an instant. */
function clinicDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A calendar date `days` after another: date arithmetic only, so no clock change can shift it. */
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));

/**
 * The first opening after `after` minutes today, skipping the clinic's closures, as "later today at 8:00 AM",
 * "on Monday at 8:00 AM", or with its date once it is a week or more away.
 */
function nextOpening(
  intervals: Interval[],
  today: { day: Weekday; date: string },
  after: number,
  closures: ReadonlySet<string>,
): string | null {
  const start = ORDER.indexOf(today.day);
  for (let offset = 0; offset < 60; offset += 1) {
    const day = ORDER[(start + offset) % 7]!;
    const date = addDays(today.date, offset);
    if (closures.has(date)) continue;
    const opening = intervals
      .filter((interval) => interval.day === day && (offset > 0 || interval.opens > after))
      .sort((a, b) => a.opens - b.opens)[0];
    if (!opening) continue;
    const when =
      offset === 0
        ? 'later today'
        : offset === 1
          ? 'tomorrow'
          : offset < 7
            ? `on ${weekdayNames[day]}`
            : `on ${longDate(date)}`;
    return `${when} at ${formatClockTime(opening.label)}`;
  }
  return null;
}

const clockLabel = (minutes: number) =>
  formatClockTime(
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  );

export function nextContact(clinic: ClinicProfile, now: Date): NextContact {
  const intervals = intervalsOf(clinic);
  const clock = clinicWallClock(now, clinic.timeZone);
  const today = { day: clock.day, date: clinicDate(now, clinic.timeZone) };
  const closures = new Set(clinic.closures);
  const covering = intervals.filter(
    (interval) =>
      !closures.has(today.date) &&
      interval.day === clock.day &&
      interval.opens <= clock.minutes &&
      clock.minutes < interval.closes,
  );
  const onCall = clinic.onCall
    ? `${clinic.onCall.description} If you need help right now, call or text 988, or call 911.`
    : null;
  if (covering.length > 0) {
    const closes = Math.max(...covering.map((interval) => interval.closes));
    const closeAt = clockLabel(closes);
    if (closes - clock.minutes >= ENOUGH_MINUTES) {
      return {
        state: 'in',
        openNow: true,
        text: 'Our team is in today. We usually call or write back within a few hours, and always before we close today.',
        urgent: `Our team will see your answers today, and a clinician will try to reach you before we close at ${closeAt}. If you need help right now, call or text 988, or call 911.`,
      };
    }
    const reopens = nextOpening(intervals, today, closes, closures) ?? 'when our team is back';
    return {
      state: 'closing',
      openNow: true,
      text: `Our team is in until ${closeAt} today, but may not get to your request before we close. If not, we will be in touch after we open ${reopens}, usually within a few hours of opening.`,
      urgent:
        onCall ??
        `Our team is in until ${closeAt} today and will try to reach you before then. If we cannot, no one will read this until we open ${reopens}. ${CRISIS}`,
    };
  }
  const reopens = nextOpening(intervals, today, clock.minutes, closures);
  if (!reopens) {
    return {
      state: 'closed',
      openNow: false,
      text: 'We will be in touch as soon as our team is back.',
      urgent: onCall ?? `No one will read this until our team is back. ${CRISIS}`,
    };
  }
  return {
    state: 'closed',
    openNow: false,
    text: `Our team is away right now. We will be in touch after we open ${reopens}, usually within a few hours of opening.`,
    urgent:
      onCall ??
      `No one will read this until we open ${reopens}. A clinician will try to reach you then. ${CRISIS}`,
  };
}
