import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { csrfOf, staffClient, testClock } from '../../test/helpers/staff.js';
import { payloadContext } from '../platform/mail/outbox.js';
import { answerItem9 } from '../screening/test-person.js';

/**
 * One promise, everywhere (issue 13): every sentence that says when the clinic will reply or read what a
 * person sent, on the confirmation page, in the acknowledgement email, on the crisis panel and in the FAQ,
 * agrees with the demo clinic's opening hours (Lakeside Mon–Fri 8–6 and Sat 9–1, Oak Park Mon/Wed/Fri 9–5,
 * America/Chicago; closed on 25 December) at fixed moments on an injected clock, across the end and the start of summer time.
 */

const IN_TODAY =
  'Our team is in today. We usually call or write back within a few hours, and always before we close today.';
const away = (when: string) =>
  `Our team is away right now. We will be in touch after we open ${when}, usually within a few hours of opening.`;
const CRISIS = 'If you need help before then, call or text 988, or call 911.';
const closedUrgent = (when: string) =>
  `No one will read this until we open ${when}. A clinician will try to reach you then. ${CRISIS}`;

const moments: { at: string; moment: string; reply: string; urgent: string }[] = [
  {
    at: '2026-11-25T15:00:00Z',
    moment: 'Wednesday 9:00 AM, open',
    reply: IN_TODAY,
    urgent:
      'Our team will see your answers today, and a clinician will try to reach you before we close at 6:00 PM. If you need help right now, call or text 988, or call 911.',
  },
  {
    at: '2026-11-25T23:30:00Z',
    moment: 'Wednesday 5:30 PM, 30 minutes before closing',
    reply:
      'Our team is in until 6:00 PM today, but may not get to your request before we close. If not, we will be in touch after we open tomorrow at 8:00 AM, usually within a few hours of opening.',
    urgent: `Our team is in until 6:00 PM today and will try to reach you before then. If we cannot, no one will read this until we open tomorrow at 8:00 AM. ${CRISIS}`,
  },
  {
    at: '2026-11-26T01:00:00Z',
    moment: 'Wednesday 7:00 PM, evening',
    reply: away('tomorrow at 8:00 AM'),
    urgent: closedUrgent('tomorrow at 8:00 AM'),
  },
  {
    at: '2026-11-28T20:00:00Z',
    moment: 'Saturday 2:00 PM, closed until Monday',
    reply: away('on Monday at 8:00 AM'),
    urgent: closedUrgent('on Monday at 8:00 AM'),
  },
  {
    at: '2026-12-25T01:00:00Z',
    moment: 'Thursday 24 December 7:00 PM: Christmas Day is a closure, so Saturday morning is next',
    reply: away('on Saturday at 9:00 AM'),
    urgent: closedUrgent('on Saturday at 9:00 AM'),
  },
  {
    at: '2026-12-25T16:00:00Z',
    moment: 'Friday 25 December 10:00 AM, within the hours but closed for Christmas',
    reply: away('tomorrow at 9:00 AM'),
    urgent: closedUrgent('tomorrow at 9:00 AM'),
  },
  {
    at: '2026-10-31T19:00:00Z',
    moment: 'Saturday 31 October 2:00 PM CDT, the day before summer time ends',
    reply: away('on Monday at 8:00 AM'),
    urgent: closedUrgent('on Monday at 8:00 AM'),
  },
  {
    at: '2026-11-02T13:30:00Z',
    moment: 'Monday 2 November 7:30 AM CST, the first weekday of winter time',
    reply: away('later today at 8:00 AM'),
    urgent: closedUrgent('later today at 8:00 AM'),
  },
  {
    at: '2027-03-15T13:30:00Z',
    moment: 'Monday 15 March 2027 8:30 AM CDT, the first weekday of summer time',
    reply: IN_TODAY,
    urgent:
      'Our team will see your answers today, and a clinician will try to reach you before we close at 6:00 PM. If you need help right now, call or text 988, or call 911.',
  },
];

/** Phrases that promise a reply time: any of them left over, once the one promise is removed, is a second promise. */
const REPLY_TIME =
  /working day|business day|24 hours|within (?:a|one|two|a few|\d+) (?:hour|day)s?|be in touch|call or write back|no one will read|will try to reach you|away right now|team is in /i;

const textOf = (html: string) =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');

function assertOnePromise(where: string, text: string, promise: string) {
  const flat = text.replace(/\s+/g, ' ');
  assert.ok(flat.includes(promise), `${where} says: ${promise}`);
  const rest = flat.split(promise).join(' ');
  assert.doesNotMatch(rest, REPLY_TIME, `${where} makes no other promise of when we reply`);
}

describe('every reply-time sentence agrees with the opening hours', () => {
  const clock = testClock();
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: clock.now });
  });
  after(() => t.close());

  for (const { at, moment, reply, urgent } of moments) {
    test(moment, async () => {
      clock.ms = Date.parse(at);
      const person = staffClient(t.app);
      const form = (await person.get('/request-appointment')).body;
      const email = `promise.${Date.parse(at)}@example.org`;
      const sent = await person.post('/request-appointment', {
        _csrf: csrfOf(form),
        idempotency_key: `promise-key-${Date.parse(at)}`,
        name: 'Rowan Promise',
        contact_method: 'email',
        email,
        location: 'lakeside',
        treatment: 'tms',
        consent_privacy: 'yes',
        consent_contact: 'yes',
      });
      assert.equal(sent.statusCode, 303);
      const confirmation = await person.get('/request-appointment/received');
      assertOnePromise('the confirmation page', textOf(confirmation.body), reply);

      const rows = await t.db.handle.db
        .selectFrom('outbox_messages')
        .select(['id', 'payload'])
        .where('kind', '=', 'request_acknowledgement')
        .execute();
      const mails = rows.map(
        (row) =>
          JSON.parse(t.cipher.open(row.payload, payloadContext(row.id))) as { to: string; text: string },
      );
      const mail = mails.find((candidate) => candidate.to === email);
      assert.ok(mail, 'the acknowledgement email was queued');
      assertOnePromise('the acknowledgement email', mail.text, reply);
      assert.match(mail.text, /not monitored around the clock and is not for emergencies/);

      // The crisis panel comes after a worrying answer, on the next page the person opens (decision 017).
      assert.equal((await answerItem9(person, '1')).statusCode, 303);
      const panel = await person.get('/screening/questions');
      assert.equal(panel.statusCode, 200);
      assert.match(panel.body, /Go on with the questions/, 'the crisis panel comes first');
      assertOnePromise('the crisis panel', textOf(panel.body), urgent);

      const faq = textOf((await t.app.inject('/faq')).body);
      assert.doesNotMatch(faq, REPLY_TIME, 'the FAQ promises no reply time of its own');
      assert.match(faq, /not monitored around the clock and (?:is|are) not for emergencies/);
    });
  }
});
