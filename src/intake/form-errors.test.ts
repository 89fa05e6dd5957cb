import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { csrfOf, staffClient, testClock } from '../../test/helpers/staff.js';
import { FORM_TOKEN_MS } from '../platform/http/form-tokens.js';

/**
 * The request form sends back every problem with a message next to its field and in the summary, and
 * keeps everything the person typed: the re-shown form, submitted as it is, would send the same answers.
 */

type Form = Record<string, string | string[]>;

const MARKER = `kite-${Math.random().toString(36).slice(2, 10)}`;

function goodForm(overrides: Form = {}): Form {
  return {
    idempotency_key: `key-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    name: `Robin ${MARKER}`,
    contact_method: 'phone',
    phone: '(312) 555-0199',
    email: `robin.${MARKER}@Example.ORG`,
    dob: '1990-04-12',
    location: 'lakeside',
    treatment: 'tms',
    concerns: ['depression', 'anxiety'],
    message: `I have tried three medicines & "more". ${MARKER} <script>alert(1)</script>`,
    times: 'weekday mornings',
    referral: 'my doctor',
    insurance: 'Blue Example',
    referrer: 'Dr. Example',
    consent_privacy: 'yes',
    consent_contact: 'yes',
    ...overrides,
  };
}

const decode = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What a browser would send if the person pressed "Send" on this page without changing anything. */
function formAsBrowserWouldSend(html: string): Form {
  const form = /<form method="post" action="\/request-appointment"[\s\S]*?<\/form>/.exec(html)?.[0];
  assert.ok(form, 'the page has the request form');
  const sent: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    sent[name] = [...(sent[name] ?? []), value];
  };
  for (const [, attributes] of form.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = new Map(
      [...attributes!.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, decode(m[2] ?? '')]),
    );
    const name = attrs.get('name');
    if (!name) continue;
    const type = attrs.get('type') ?? 'text';
    if ((type === 'radio' || type === 'checkbox') && !attrs.has('checked')) continue;
    add(name, attrs.get('value') ?? '');
  }
  for (const [, attributes, content] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /name="([^"]+)"/.exec(attributes!)?.[1];
    if (name) add(name, decode(content!));
  }
  return Object.fromEntries(
    Object.entries(sent).map(([name, values]) => [
      name,
      values.length === 1 && name !== 'concerns' ? values[0]! : values,
    ]),
  );
}

/** A form as compared: empty answers dropped (a browser sends no unticked box), lists as lists. */
function answers(form: Form): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([name]) => name !== '_csrf' && name !== 'website')
      .map(([name, value]) => [name, [value].flat().filter((v) => v !== '')] as const)
      .filter(([, values]) => values.length > 0),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function storedCount(testApp: TestApp): Promise<number> {
  const row = await testApp.db.handle.db
    .selectFrom('appointment_requests')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the request form, when an answer needs fixing', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('every field says what is wrong and how to fix it, and keeps everything typed', async () => {
    testApp = await buildTestApp({ content: 'none', env: { HAVEN_REQUEST_FORM_LIMIT: '1000' } });
    const long = (n: number) => 'é'.repeat(n);
    // [what changes, the field in error, its message, what is shown instead of an answer that is not a choice]
    const cases: [Form, string, string, Form?][] = [
      [{ name: '  ' }, 'name', 'Enter your name.'],
      [{ name: long(201) }, 'name', 'Keep your name under 200 characters.'],
      [{ contact_method: '' }, 'contact_method', 'Choose how you would like us to reach you.'],
      [
        { contact_method: 'fax' },
        'contact_method',
        'Choose how you would like us to reach you.',
        { contact_method: '' },
      ],
      [{ phone: '' }, 'phone', 'Enter a phone number so we can call or text you.'],
      [{ phone: '555' }, 'phone', 'Enter a phone number with its area code, like 312 555 0142.'],
      [{ contact_method: 'email', email: '' }, 'email', 'Enter an email address so we can write to you.'],
      [{ email: 'robin@' }, 'email', 'Enter an email address like name@example.com.'],
      [{ dob: '1990-02-30' }, 'dob', 'Enter your date of birth as year, month and day, like 1985-03-27.'],
      [{ dob: '2999-01-01' }, 'dob', 'Your date of birth must be in the past.'],
      [{ dob: '1800-01-01' }, 'dob', 'Check the year of your date of birth.'],
      [{ location: 'mars' }, 'location', 'Choose the location that suits you.', { location: '' }],
      [{ treatment: 'surgery' }, 'treatment', 'Choose a treatment, or “Not sure yet”.', { treatment: '' }],
      [
        { concerns: ['depression', 'flu'] },
        'concerns',
        'Choose from the list, or “Something else”.',
        { concerns: ['depression'] },
      ],
      [{ message: long(2001) }, 'message', 'Keep your message under 2,000 characters (it is 2,001 now).'],
      [{ times: long(201) }, 'times', 'Keep this under 200 characters.'],
      [{ referral: long(201) }, 'referral', 'Keep this under 200 characters.'],
      [{ insurance: long(201) }, 'insurance', 'Keep this under 200 characters.'],
      [{ referrer: long(201) }, 'referrer', 'Keep this under 200 characters.'],
      [
        { consent_privacy: '' },
        'consent_privacy',
        'Tick the box to agree to the privacy notice, so we can store your request.',
      ],
      [{ consent_contact: '' }, 'consent_contact', 'Tick the box to let us contact you about your request.'],
      [
        { contact_method: 'text' },
        'consent_sms',
        'To be contacted by text, tick the box to agree to text messages, or choose a phone call.',
      ],
    ];
    for (const [change, field, message, shownInstead = {}] of cases) {
      const what = `${field} ${JSON.stringify(change).slice(0, 60)}`;
      const client = staffClient(testApp.app);
      const form = goodForm(change);
      const page = (await client.get('/request-appointment')).body;
      const response = await client.post('/request-appointment', { _csrf: csrfOf(page), ...form });
      assert.equal(response.statusCode, 200, `${what}: the form comes back`);
      const body = response.body;
      assert.ok(body.includes('<title>Error: Request an appointment'), `${what}: the title says so`);
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';
      assert.ok(
        summary.includes(`<a href="#${field}">${message}</a>`),
        `${what}: the summary links to the field with "${message}"`,
      );
      assert.match(
        body,
        new RegExp(
          `id="${field}-error">(<span class="visually-hidden">Error: </span>)?${escapeRegExp(message)}</p>`,
        ),
        `${what}: the message is next to its field`,
      );
      assert.ok(body.includes(`id="${field}"`), `${what}: the summary's link has a target`);
      assert.deepEqual(
        answers(formAsBrowserWouldSend(body)),
        answers({ ...form, ...shownInstead }),
        `${what}: everything typed is in the form again`,
      );
    }
    assert.equal(await storedCount(testApp), 0, 'nothing was stored');
  });

  test('an expired form comes back with every answer, and sending it again stores the request once', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ content: 'none', now: clock.now });
    const client = staffClient(testApp.app);
    const token = csrfOf((await client.get('/request-appointment')).body);

    clock.advance(FORM_TOKEN_MS - 1000);
    const inTime = await client.post('/request-appointment', { _csrf: token, ...goodForm() });
    assert.equal(inTime.statusCode, 303, 'the token is good until it runs out');

    clock.advance(2000);
    const form = goodForm({ contact_method: 'text', consent_sms: 'yes', concerns: ['ptsd'] });
    const late = await client.post('/request-appointment', { _csrf: token, ...form });
    assert.equal(late.statusCode, 200, 'the same token, run out, is refused');
    assert.ok(
      late.body.includes(
        'This form was open for a long time, so we need you to send it again. Your answers are still here.',
      ),
    );
    assert.deepEqual(answers(formAsBrowserWouldSend(late.body)), answers(form), 'every answer is kept');
    assert.equal(await storedCount(testApp), 1, 'the late form stored nothing');

    const again = await client.post('/request-appointment', formAsBrowserWouldSend(late.body));
    assert.equal(again.statusCode, 303, 'the form as shown again is accepted');
    const twice = await client.post('/request-appointment', formAsBrowserWouldSend(late.body));
    assert.equal(twice.statusCode, 303);
    assert.equal(await storedCount(testApp), 2, 'sent twice, it is still one request');
  });
});
