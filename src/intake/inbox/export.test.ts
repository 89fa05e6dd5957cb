import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RequestRow } from '../repository.js';
import type { SealedRequest } from '../service.js';
import { neutralise, requestsCsv } from './export.js';

/**
 * The export is read in a spreadsheet program: phone numbers must read as numbers a person can dial (no
 * stray apostrophe), times must be the clinic's with the zone named, and an open urgent review must show.
 */

const row = (overrides: Partial<RequestRow> = {}): RequestRow => ({
  id: '01900000-0000-7000-8000-000000000001',
  idempotency_key: 'k',
  status: 'new',
  location: 'lakeside',
  treatment: 'ketamine',
  contact_method: 'phone',
  concerns_minor: 0,
  sms_consent: 0,
  sealed: '',
  assignee_id: null,
  created_at: '2026-11-25T15:05:00.000Z',
  updated_at: '2026-11-25T15:05:00.000Z',
  closed_at: null,
  safety_flagged_at: null,
  safety_closed_at: null,
  safety_escalated_at: null,
  ...overrides,
});
const person = (overrides: Partial<SealedRequest> = {}): SealedRequest => ({
  name: 'Jordan Quill',
  phone: '+13125550177',
  email: null,
  dob: null,
  message: '',
  times: '',
  referral: '',
  insurance: '',
  referrer: '',
  concerns: [],
  ...overrides,
});
/** The rows as a spreadsheet reads them; the test values hold no commas, quotes or line breaks. */
function table(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

describe('the requests CSV export', () => {
  test('phones are spaced for reading with no apostrophe; times are the clinic’s, its zone in the header', () => {
    const [first, second] = table(
      requestsCsv(
        [
          { row: row(), person: person() },
          {
            row: row({ created_at: '2026-07-01T04:30:00.000Z' }),
            person: person({ phone: '+442071234567' }),
          },
        ],
        'America/Chicago',
      ),
    );
    assert.equal(first!.phone, '+1 312 555 0177');
    assert.equal(second!.phone, '+44 20 7123 4567');
    assert.equal(first!['received (America/Chicago)'], '2026-11-25 09:05', 'CST, six hours behind');
    assert.equal(second!['received (America/Chicago)'], '2026-06-30 23:30', 'CDT, the day before in UTC');
  });

  test('each row says whether an urgent safety review is open, closed or was never raised', () => {
    const rows = table(
      requestsCsv(
        [
          { row: row(), person: person() },
          { row: row({ safety_flagged_at: '2026-11-25T15:06:00.000Z' }), person: person() },
          {
            row: row({
              safety_flagged_at: '2026-11-25T15:06:00.000Z',
              safety_closed_at: '2026-11-25T16:00:00.000Z',
            }),
            person: person(),
          },
        ],
        'America/Chicago',
      ),
    );
    assert.deepEqual(
      rows.map((r) => r.urgent_safety_review),
      ['none', 'open', 'closed'],
    );
  });

  test('anything else a spreadsheet would run still gets the apostrophe, phone-like or not', () => {
    for (const cell of [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\tx',
      '\rx',
      '+1-312-555-0100',
      '+1 312 555 0100+A1',
    ])
      assert.equal(neutralise(cell), `'${cell}`, JSON.stringify(cell));
    for (const cell of ['+1 312 555 0100', '+44 20 7123 4567', 'Jordan', ''])
      assert.equal(neutralise(cell), cell, JSON.stringify(cell));
    const [written] = table(
      requestsCsv([{ row: row(), person: person({ name: '+1 312 555 0100', insurance: '+cmd' }) }], 'UTC'),
    );
    assert.equal(written!.name, '+1 312 555 0100', 'a name in the form of a phone is harmless too');
    assert.equal(written!.insurance, "'+cmd");
  });
});
