import { stringify } from 'csv-stringify/sync';
import type { RequestRow } from '../repository.js';
import type { SealedRequest } from '../service.js';
import { clinicWallClock } from './clinic-day.js';
import { readablePhone } from './phone.js';

/**
 * A spreadsheet of requests (decision 021). A cell a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return at its start) is prefixed with an apostrophe, so a request cannot smuggle a formula into
 * the clinic's computers (OWASP: CSV injection). The one exception is a phone number written the way
 * readablePhone writes it, "+" then only digits and single spaces: nothing in it can call a function or
 * name another cell, and an apostrophe would show in front of every number.
 */
const READABLE_PHONE = /^\+\d{1,3}( \d{1,6}){1,6}$/;

export function neutralise(value: string): string {
  if (READABLE_PHONE.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** "2026-11-25 09:00" on the clinic's wall clock: sorts as text, and a spreadsheet reads it as a date. */
function clinicTime(iso: string, timeZone: string): string {
  const c = clinicWallClock(Date.parse(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${c.year}-${two(c.month)}-${two(c.day)} ${two(c.hour)}:${two(c.minute)}`;
}

function urgentStatus(row: RequestRow): string {
  if (row.safety_flagged_at === null) return 'none';
  return row.safety_closed_at === null ? 'open' : 'closed';
}

export function requestsCsv(
  requests: { row: RequestRow; person: SealedRequest }[],
  timeZone: string,
): string {
  const header = [
    'id',
    `received (${timeZone})`,
    'status',
    'urgent_safety_review',
    'location',
    'treatment',
    'contact_method',
    'under_18',
    'name',
    'phone',
    'email',
    'date_of_birth',
    'concerns',
    'message',
    'best_times',
    'heard_of_us',
    'insurance',
    'referring_clinician',
  ];
  const records = requests.map(({ row, person }) =>
    [
      row.id,
      clinicTime(row.created_at, timeZone),
      row.status,
      urgentStatus(row),
      row.location,
      row.treatment,
      row.contact_method,
      Number(row.concerns_minor) === 1 ? 'yes' : 'no',
      person.name,
      person.phone ? readablePhone(person.phone).text : '',
      person.email ?? '',
      person.dob ?? '',
      person.concerns.join(' '),
      person.message,
      person.times,
      person.referral,
      person.insurance,
      person.referrer,
    ].map(neutralise),
  );
  // A byte order mark so spreadsheet programs read the file as UTF-8.
  return `\ufeff${stringify([header, ...records])}`;
}
