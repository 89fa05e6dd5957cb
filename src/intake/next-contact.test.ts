import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClinicProfile } from '../platform/config/clinic.js';
import { nextContact } from './next-contact.js';

/**
 * The sentence on the confirmation page saying when the clinic will be in touch, read at fixed moments
 * in the clinic's time zone (America/Chicago: UTC−6 in winter, UTC−5 in summer).
 */

const address = { street: '1 Test Street', city: 'Chicago', region: 'IL', postalCode: '60601' };
const clinic = ClinicProfile.parse({
  name: 'Test Clinic',
  phone: '+1 312 555 0142',
  email: 'hello@clinic.example',
  timeZone: 'America/Chicago',
  locations: [
    {
      id: 'main',
      name: 'Main',
      address,
      phone: '+1 312 555 0142',
      hours: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:00', closes: '18:00' },
        { days: ['sat'], opens: '09:00', closes: '13:00' },
      ],
      treatments: ['tms'],
    },
    {
      // An early start on Tuesdays at a second location: the earliest opening anywhere counts.
      id: 'early',
      name: 'Early',
      address,
      phone: '+1 312 555 0143',
      hours: [{ days: ['tue'], opens: '07:30', closes: '12:00' }],
      treatments: ['tms'],
    },
  ],
});

const IN_TODAY =
  'Our team is in today. We usually call or write back within a few hours, and always before we close today.';
const away = (when: string) =>
  `Our team is away right now. We will be in touch after we open ${when}, usually within a few hours of opening.`;

const cases: [at: string, moment: string, sentence: string][] = [
  ['2026-11-25T16:00:00Z', 'Wednesday 10:00 AM, open', IN_TODAY],
  ['2026-11-25T12:30:00Z', 'Wednesday 6:30 AM, before opening', away('later today at 8:00 AM')],
  ['2026-11-26T01:00:00Z', 'Wednesday 7:00 PM, after closing', away('tomorrow at 8:00 AM')],
  ['2026-11-24T01:00:00Z', 'Monday 7:00 PM: the other location opens first', away('tomorrow at 7:30 AM')],
  ['2026-11-28T01:00:00Z', 'Friday 7:00 PM: Saturday morning hours', away('tomorrow at 9:00 AM')],
  ['2026-11-28T16:00:00Z', 'Saturday 10:00 AM, open', IN_TODAY],
  ['2026-11-28T20:00:00Z', 'Saturday 2:00 PM, closed until Monday', away('on Monday at 8:00 AM')],
  ['2026-11-29T16:00:00Z', 'Sunday 10:00 AM', away('tomorrow at 8:00 AM')],
  ['2026-11-30T05:30:00Z', 'Sunday 11:30 PM', away('tomorrow at 8:00 AM')],
  ['2026-11-23T06:15:00Z', 'Monday 12:15 AM, just after midnight', away('later today at 8:00 AM')],
  // The weekend summer time ends (Sunday 1 November 2026).
  ['2026-10-31T19:00:00Z', 'Saturday 31 October 2:00 PM CDT, the day before', away('on Monday at 8:00 AM')],
  ['2026-10-30T13:30:00Z', 'Friday 30 October 8:30 AM CDT', IN_TODAY],
  [
    '2026-11-02T13:30:00Z',
    'the same UTC time on Monday 2 November is 7:30 AM CST',
    away('later today at 8:00 AM'),
  ],
  // The weekend summer time starts (Sunday 8 March 2026).
  ['2026-03-07T20:00:00Z', 'Saturday 7 March 2:00 PM CST, the day before', away('on Monday at 8:00 AM')],
  ['2026-03-06T13:30:00Z', 'Friday 6 March 7:30 AM CST', away('later today at 8:00 AM')],
  ['2026-03-09T13:30:00Z', 'the same UTC time on Monday 9 March is 8:30 AM CDT', IN_TODAY],
];

describe('when the confirmation says we will be in touch', () => {
  for (const [at, moment, sentence] of cases) {
    test(moment, () => {
      const result = nextContact(clinic, new Date(at));
      assert.equal(result.text, sentence);
      assert.equal(result.openNow, sentence === IN_TODAY);
    });
  }
});

const CRISIS = 'If you need help before then, call or text 988, or call 911.';

describe('the last hour before closing: the team is in, but "today" is no longer a promise', () => {
  test('Wednesday 5:30 PM, half an hour before closing', () => {
    const result = nextContact(clinic, new Date('2026-11-25T23:30:00Z'));
    assert.equal(result.state, 'closing');
    assert.equal(result.openNow, true, 'someone is there to answer the phone');
    assert.equal(
      result.text,
      'Our team is in until 6:00 PM today, but may not get to your request before we close. If not, we will be in touch after we open tomorrow at 8:00 AM, usually within a few hours of opening.',
    );
    assert.doesNotMatch(result.text, /away right now/, 'staff are in');
    assert.equal(
      result.urgent,
      `Our team is in until 6:00 PM today and will try to reach you before then. If we cannot, no one will read this until we open tomorrow at 8:00 AM. ${CRISIS}`,
    );
  });

  test('Saturday 12:30 PM: half an hour left, and the next opening is Monday', () => {
    const result = nextContact(clinic, new Date('2026-11-28T18:30:00Z'));
    assert.equal(result.state, 'closing');
    assert.match(result.text, /^Our team is in until 1:00 PM today, .* after we open on Monday at 8:00 AM,/);
  });
});

describe('after someone tells us they think of death or self-harm: what happens, and when', () => {
  test('open with time left: a clinician tries today, before closing', () => {
    const result = nextContact(clinic, new Date('2026-11-25T16:00:00Z'));
    assert.equal(
      result.urgent,
      'Our team will see your answers today, and a clinician will try to reach you before we close at 6:00 PM. If you need help right now, call or text 988, or call 911.',
    );
  });

  test('closed: no one reads it until the next opening, named by day and time, and 988 and 911 until then', () => {
    const result = nextContact(clinic, new Date('2026-11-28T20:00:00Z'));
    assert.equal(
      result.urgent,
      `No one will read this until we open on Monday at 8:00 AM. A clinician will try to reach you then. ${CRISIS}`,
    );
  });

  test('a clinic with a real on-call service says what that service does instead', () => {
    const description =
      'Our on-call psychiatrist is told at once, at any hour, and will try to call you within an hour.';
    const withOnCall = ClinicProfile.parse({
      ...clinic,
      phone: '+1 312 555 0142',
      locations: clinic.locations.map((l) => ({ ...l, phone: l.phone.display })),
      onCall: { description },
    });
    const closed = nextContact(withOnCall, new Date('2026-11-28T20:00:00Z'));
    assert.equal(closed.urgent, `${description} If you need help right now, call or text 988, or call 911.`);
    assert.doesNotMatch(closed.urgent, /No one will read/);
    const open = nextContact(withOnCall, new Date('2026-11-25T16:00:00Z'));
    assert.match(open.urgent, /before we close at 6:00 PM/, 'while the team is in, the team answers');
  });
});

describe('closures in the profile are skipped', () => {
  test('a closed week: the next opening is named with its date', () => {
    const closures = [
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ];
    const closedWeek = ClinicProfile.parse({
      ...clinic,
      phone: '+1 312 555 0142',
      locations: clinic.locations.map((l) => ({ ...l, phone: l.phone.display })),
      closures,
    });
    // Wednesday 23 December 2026, 7:00 PM in Chicago.
    const result = nextContact(closedWeek, new Date('2026-12-24T01:00:00Z'));
    assert.equal(result.text, away('on Friday, January 1 at 8:00 AM'));
    assert.equal(nextContact(clinic, new Date('2026-12-24T01:00:00Z')).text, away('tomorrow at 8:00 AM'));
  });
});
