import { stringify } from 'csv-stringify/sync';
import type { RequestRow } from '../repository.js';
import type { SealedRequest } from '../service.js';

/**
 * A spreadsheet of requests. A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage
 * return at its start) is prefixed with an apostrophe, so a request cannot smuggle a formula into the
 * clinic's computers (OWASP: CSV injection).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const COLUMNS = [
  'id',
  'received',
  'status',
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
] as const;

export function requestsCsv(requests: { row: RequestRow; person: SealedRequest }[]): string {
  const records = requests.map(({ row, person }) =>
    [
      row.id,
      row.created_at,
      row.status,
      row.location,
      row.treatment,
      row.contact_method,
      Number(row.concerns_minor) === 1 ? 'yes' : 'no',
      person.name,
      person.phone ?? '',
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
  return `\ufeff${stringify([[...COLUMNS], ...records])}`;
}
