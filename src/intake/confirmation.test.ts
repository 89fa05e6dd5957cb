import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { createStaffMember, csrfOf, staffClient, testClock } from '../../test/helpers/staff.js';

/**
 * After a real submission: the confirmation page a person reaches (its under-18 note, when we will be in
 * touch), and what staff then see (the request marked as concerning a minor, the details normalised).
 */

const MINOR_NOTE =
  'Because you are under 18, a parent or guardian needs to be part of your care. We will talk with you both when we call.';

function form(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idempotency_key: `key-${name.replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}`,
    name,
    contact_method: 'phone',
    phone: '312 555 0177',
    location: 'lakeside',
    treatment: 'ketamine',
    consent_privacy: 'yes',
    consent_contact: 'yes',
    ...overrides,
  };
}

/** Fills in and sends the form, then follows the redirect in the same browser, as a person does. */
async function submitAndFollow(app: TestApp['app'], answers: Record<string, string>) {
  const person = staffClient(app);
  const page = (await person.get('/request-appointment')).body;
  const sent = await person.post('/request-appointment', { _csrf: csrfOf(page), ...answers });
  assert.equal(sent.statusCode, 303, 'the request was accepted');
  assert.equal(sent.headers.location, '/request-appointment/received', 'nothing personal in the address');
  return person.get(String(sent.headers.location));
}

describe('after sending a request', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('someone under 18 gets the kind note, and staff see the request marked as concerning a minor', async () => {
    // Wednesday 25 November 2026, 9 AM in Chicago: the clinic's "today".
    const clock = testClock(Date.parse('2026-11-25T15:00:00Z'));
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;

    const minor = await submitAndFollow(app, form('Avery Young', { dob: '2008-11-26' }));
    assert.equal(minor.statusCode, 200);
    assert.equal(minor.headers['cache-control'], 'no-store');
    assert.ok(minor.body.includes('We have your request'));
    assert.ok(minor.body.includes(MINOR_NOTE), 'a day short of 18: the note is shown');
    assert.match(minor.body.replace(/<[^>]+>/g, ''), /call or text 988/i, 'the crisis line is on the page');

    const adult = await submitAndFollow(app, form('Blake Grown', { dob: '2008-11-25' }));
    assert.ok(adult.body.includes('We have your request'));
    assert.ok(!adult.body.includes(MINOR_NOTE), '18 today: no note');
    const noDob = await submitAndFollow(app, form('Casey Unsaid'));
    assert.ok(!noDob.body.includes(MINOR_NOTE), 'no date of birth: no note');

    const desk = await createStaffMember(app, clock, ['front_desk']);
    const inbox = (await desk.client.get('/staff/requests')).body;
    const rowOf = (name: string) => {
      const row = new RegExp(`<tr>(?:(?!</tr>).)*>${name}</a>(?:(?!</tr>).)*</tr>`, 's').exec(inbox)?.[0];
      assert.ok(row, `${name} is in the inbox`);
      return row;
    };
    assert.ok(rowOf('Avery Young').includes('Under 18'), 'the minor is marked in the inbox');
    assert.ok(!rowOf('Blake Grown').includes('Under 18'));
    assert.ok(!rowOf('Casey Unsaid').includes('Under 18'));
    const id = /href="\/staff\/requests\/([0-9a-f-]{36})">Avery Young/.exec(inbox)?.[1];
    const request = (await desk.client.get(`/staff/requests/${id}`)).body;
    assert.ok(request.includes('Under 18: a parent or guardian must be involved.'));
    assert.ok(request.includes('<dd>2008-11-26</dd>'), 'the date of birth, for staff only');
  });

  test('staff see the email with its domain in lower case and without the spaces typed around it', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { app } = testApp;
    await submitAndFollow(
      app,
      form('Drew Mail', { email: '  Drew.Upper+clinic@Mail.Example.ORG  ', phone: '(708) 555-0111' }),
    );
    const desk = await createStaffMember(app, clock, ['front_desk']);
    const inbox = (await desk.client.get('/staff/requests')).body;
    const id = /href="\/staff\/requests\/([0-9a-f-]{36})">Drew Mail/.exec(inbox)?.[1];
    const request = (await desk.client.get(`/staff/requests/${id}`)).body;
    assert.ok(
      request.includes(
        '<a href="mailto:Drew.Upper+clinic@mail.example.org">Drew.Upper+clinic@mail.example.org</a>',
      ),
      'the part before the @ kept as typed, the domain lower-cased, the spaces gone',
    );
    assert.ok(request.includes('<a href="tel:+17085550111">+17085550111</a>'), 'the phone number, dialable');
  });

  test('on a Saturday afternoon the confirmation says when the team will be back', async () => {
    // Saturday 28 November 2026, 2 PM in Chicago: Lakeside closed at 1 PM and opens again on Monday at 8.
    const clock = testClock(Date.parse('2026-11-28T20:00:00Z'));
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const page = await submitAndFollow(testApp.app, form('Emery Weekend'));
    assert.ok(
      page.body.includes(
        'Our team is away right now. We will be in touch after we open on Monday at 8:00 AM, usually within a few hours of opening.',
      ),
    );
  });
});
