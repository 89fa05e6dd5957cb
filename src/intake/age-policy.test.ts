import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { testClock } from '../../test/helpers/staff.js';
import { sendRequestForm } from '../../test/helpers/submissions.js';

/**
 * The home page and the request form follow the clinic's age policy (issue 13): they state it, and the form
 * refuses a date of birth below the minimum age with a clear message, keeping everything typed. The test
 * clock is Wednesday 25 November 2026 in Chicago.
 */

const demo = readFileSync(new URL('../../config/demo-clinic.yaml', import.meta.url), 'utf8');

function adultsOnlyClinicFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'haven-adults-')), 'clinic.yaml');
  writeFileSync(file, demo.replace(/^ages:\n(?: {2}.*\n)+/m, 'ages: { minimum: 18 }\n'));
  return file;
}

const form = (dob: string) => ({
  idempotency_key: `ages-${Math.random().toString(36).slice(2)}-key`,
  name: 'Quinn Agecheck',
  contact_method: 'phone',
  phone: '312 555 0190',
  dob,
  location: 'lakeside',
  treatment: 'tms',
  consent_privacy: 'yes',
  consent_contact: 'yes',
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the age policy on the home page and the request form', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  test('an adults-only clinic says so, and refuses a 17-year-old with a clear message, keeping the form', async () => {
    const clock = testClock();
    t = await buildTestApp({
      now: clock.now,
      content: 'none',
      env: { HAVEN_CLINIC_FILE: adultsOnlyClinicFile() },
    });
    const home = textOf((await t.app.inject('/')).body);
    assert.match(home, /We see adults aged 18 and over\./);
    const blank = (await t.app.inject('/request-appointment')).body;
    assert.match(textOf(blank), /We see adults aged 18 and over\./);
    assert.ok(!blank.includes('id="minor-note"'), 'no under-18 note where under-18s are not seen');

    const refused = await sendRequestForm(t.app, form('2008-11-26'));
    assert.equal(refused.statusCode, 200, 'the form comes back');
    assert.match(
      refused.body,
      /We can only see people aged 18 and over\. If you are younger, your family doctor can help you find care\. If you are in crisis, call or text 988, or call 911\./,
    );
    assert.match(
      refused.body,
      /<a href="#dob"[^>]*>We can only see people aged 18/,
      'the error summary links to the field',
    );
    assert.match(refused.body, /value="Quinn Agecheck"/, 'what was typed is kept');
    assert.match(refused.body, /value="2008-11-26"/);
    assert.equal((await sendRequestForm(t.app, form('2008-11-25'))).statusCode, 303, '18 today: accepted');
  });

  test('the demo clinic sees people from 15: it says so, refuses 14, and takes 16 with the under-18 note', async () => {
    const clock = testClock();
    t = await buildTestApp({ now: clock.now, content: 'none' });
    const policy = /We see people aged 15 and over\. Under 18, a parent or guardian takes part in care\./;
    assert.match(textOf((await t.app.inject('/')).body), policy);
    const blank = (await t.app.inject('/request-appointment')).body;
    assert.match(textOf(blank), policy);
    assert.ok(blank.includes('id="minor-note"'), 'the under-18 note stays');
    assert.match(
      textOf(blank),
      /This is not monitored around the clock and is not for emergencies\./,
      'the form says plainly it is not for emergencies',
    );
    const tooYoung = await sendRequestForm(t.app, form('2011-11-26'));
    assert.equal(tooYoung.statusCode, 200);
    assert.match(tooYoung.body, /We can only see people aged 15 and over\./);
    assert.equal((await sendRequestForm(t.app, form('2010-11-25'))).statusCode, 303, '16: accepted');
  });
});
