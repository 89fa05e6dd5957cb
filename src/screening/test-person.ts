import assert from 'node:assert/strict';
import type { TestApp } from '../../test/helpers/app.js';
import { csrfOf, type StaffClient, staffClient } from '../../test/helpers/staff.js';
import { sendRequestForm } from '../../test/helpers/submissions.js';

/**
 * For the screening tests only (never imported by the app): a person's browser that sends an appointment
 * request and then answers the questions it is offered, through the same pages and forms a person uses.
 */

export const has = (body: string, text: string | RegExp, what = String(text)) =>
  assert.ok(
    typeof text === 'string' ? body.includes(text) : text.test(body),
    `expected the page to show ${what}`,
  );

/**
 * Sends a request (by default an adult's, for TMS, for depression and PTSD, by phone) and returns the person and
 * its id. The date of birth says the person is an adult: at a clinic that also sees young people, PCL-5 is only
 * offered to someone known to be 18 or over.
 */
export async function personWithRequest(
  testApp: TestApp,
  form: Record<string, string | string[]> = {},
): Promise<{ person: StaffClient; requestId: string }> {
  const db = testApp.db.handle.db;
  const before = new Set(
    (await db.selectFrom('appointment_requests').select('id').execute()).map((r) => r.id),
  );
  const person = staffClient(testApp.app);
  const sent = await sendRequestForm(
    testApp.app,
    {
      idempotency_key: `screening-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      name: 'Alex Screening',
      contact_method: 'phone',
      phone: '312 555 0144',
      dob: '1985-03-27',
      location: 'lakeside',
      treatment: 'tms',
      concerns: ['depression', 'ptsd'],
      consent_privacy: 'yes',
      consent_contact: 'yes',
      ...form,
    },
    person,
  );
  assert.equal(sent.statusCode, 303, 'the request was accepted');
  has((await person.get('/request-appointment/received')).body, 'Save time at your first visit');
  const ids = (await db.selectFrom('appointment_requests').select('id').execute()).map((r) => r.id);
  const requestId = ids.find((id) => !before.has(id));
  assert.ok(requestId, 'the request was stored');
  return { person, requestId };
}

/** The section and group of the page /screening/questions shows now (hidden fields of its form). */
export const pageOf = (body: string) => ({
  _section: /name="_section" value="([^"]+)"/.exec(body)?.[1] ?? '',
  _group: /name="_group" value="([^"]+)"/.exec(body)?.[1] ?? '',
});

/**
 * Sends these answers as the page of `section` and `group` (every page has the one address
 * /screening/questions; which page it is travels in the form), with a form token from the next page.
 */
export async function answer(
  person: StaffClient,
  target: { section: string; group: string },
  answers: Record<string, string>,
) {
  const page = await person.get('/screening/questions');
  assert.equal(page.statusCode, 200, '/screening/questions answers 200');
  return person.post('/screening/questions', {
    _csrf: csrfOf(page.body),
    _section: target.section,
    _group: target.group,
    ...answers,
  });
}

/** The last PHQ-9 page with item 9 at `item9` (0 to 3) and the rest of the page at 0. */
export const answerItem9 = (person: StaffClient, item9: string) =>
  answer(
    person,
    { section: 'phq-9', group: 'phq9-page-3' },
    { 'phq9-7': '0', 'phq9-8': '0', 'phq9-9': item9, 'phq9-difficulty': '0' },
  );

/** Opens `path`; when the crisis panel comes first, goes on from it as the person would (same address). */
export async function passPanel(person: StaffClient, path: string): Promise<string> {
  const page = await person.get(path);
  if (!page.body.includes('Go on with the questions')) return page.body;
  const next = /href="([^"]+)"[^>]*>\s*Go on with the questions/.exec(page.body)?.[1];
  assert.equal(next, path, 'going on from the panel leads back to the same address');
  return (await person.get(path)).body;
}

/** People whose last page's "Send my answers" already sent everything (issue 13: no overview step). */
const sentFromLastPage = new WeakSet<StaffClient>();

/**
 * Answers every page the overview still offers, as a person clicking "Start" or "Continue" would: each
 * question gets `pick(linkId, choices)` (by default its first choice). Returns every answer given.
 */
export async function answerEverything(
  person: StaffClient,
  pick: (linkId: string, choices: string[]) => string = (_linkId, choices) => choices[0]!,
): Promise<Record<string, string>> {
  const given: Record<string, string> = {};
  for (let pages = 0; pages < 30; pages += 1) {
    const overview = await passPanel(person, '/screening');
    const next = /href="(\/screening\/questions)"/.exec(overview)?.[1];
    if (!next) return given;
    const page = { body: await passPanel(person, next) };
    const choices = new Map<string, string[]>();
    for (const [, name, value] of page.body.matchAll(
      /type="radio" id="[^"]+" name="([^"]+)" value="([^"]+)"/g,
    ))
      choices.set(name!, [...(choices.get(name!) ?? []), value!]);
    assert.ok(choices.size > 0, `${next} has questions`);
    const answers = Object.fromEntries(
      [...choices].map(([linkId, values]) => [linkId, pick(linkId, values)]),
    );
    const saved = await person.post(next, { _csrf: csrfOf(page.body), ...pageOf(page.body), ...answers });
    assert.equal(saved.statusCode, 303, `${next} was saved`);
    Object.assign(given, answers);
    if (saved.headers.location === '/screening/done') {
      sentFromLastPage.add(person);
      return given;
    }
  }
  assert.fail('the overview kept offering pages');
}

/**
 * Sends everything: the last page's "Send my answers" did already, or else the overview's button does (when
 * the crisis panel came after the last page).
 */
export async function sendAnswers(person: StaffClient): Promise<void> {
  if (sentFromLastPage.has(person)) return;
  const overview = await passPanel(person, '/screening');
  has(overview, 'Send my answers');
  const sent = await person.post('/screening/finish', { _csrf: csrfOf(overview) });
  assert.equal(sent.headers.location, '/screening/done', 'the answers were sent');
}
