import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember } from '../../test/helpers/staff.js';
import { wholeDatabase } from './test-database.js';
import { answerEverything, answerItem9, personWithRequest, sendAnswers } from './test-person.js';

/**
 * Issue 8: screening answers never appear in plaintext in the database, the log or an email, on either
 * engine. Answers are numbers and "yes"/"no", so the markers are their stored shape, an item's id next to
 * its value (`"phq9-9":2`, `"ket-heart":"yes"`), and the item ids on their own. The same search must find
 * a plain column of the same shape (the audit entry's `"link_created_by":"request_form"`; until decision
 * 017's amendment it was `"instrument":"phq-9"`, itself a leak), so it could find a leak.
 */

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `"key":value` as JSON stores it, with any spacing a database might add. */
const stored = (key: string, value: number | string) =>
  new RegExp(`"${literal(key)}"\\s*:\\s*${literal(JSON.stringify(value))}`);

/** Every marker of these answers found in `text`. */
function leaks(text: string, answers: Record<string, number | string>): string[] {
  const found: string[] = [];
  for (const [linkId, value] of Object.entries(answers)) {
    if (stored(linkId, value).test(text)) found.push(`${linkId}=${value}`);
    if (text.includes(linkId)) found.push(linkId);
  }
  return found;
}

appOnEachEngine('screening answers are sealed everywhere', (_engine, it) => {
  it(
    'no answer, "yes" on a checklist included, is in the database, the log, or the on-call and escalation emails',
    {
      content: 'none',
      env: {
        HAVEN_ONCALL_EMAIL: 'oncall@clinic.example.org',
        HAVEN_ESCALATION_EMAIL: 'director@clinic.example.org',
      },
    },
    // The clock starts on a Wednesday, 9:00 in Chicago.
    async (testApp, clock) => {
      const db = testApp.db.handle.db;
      // "Not sure" which treatment: PHQ-9, GAD-7, PCL-5 and both safety checklists.
      const { person, requestId } = await personWithRequest(testApp, { treatment: 'not_sure' });
      await answerItem9(person, '2');
      // The highest answer to every question, and "yes" to every checklist item.
      const given = await answerEverything(person, (_linkId, choices) =>
        choices.includes('yes') ? 'yes' : choices.at(-1)!,
      );
      await sendAnswers(person);
      const answers: Record<string, number | string> = { 'phq9-7': 0, 'phq9-8': 0, 'phq9-9': 2 };
      for (const [linkId, value] of Object.entries(given))
        answers[linkId] = /^\d+$/.test(value) ? Number(value) : value;
      const yes = Object.entries(answers).filter(([, value]) => value === 'yes');
      assert.ok(
        yes.some(([linkId]) => linkId.startsWith('ket-')),
        'ketamine checklist items answered "yes"',
      );
      assert.ok(
        yes.some(([linkId]) => linkId.startsWith('tms-')),
        'TMS checklist items answered "yes"',
      );
      assert.ok(
        Object.keys(answers).some((linkId) => linkId.startsWith('pcl5-')),
        'the PCL-5 answered',
      );

      clock.advance(61 * 60_000);
      assert.equal(await testApp.app.screening.escalateOverdue(), 1, 'the review escalated');
      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = await clinician.client.get(`/staff/requests/${requestId}/screening`);
      assert.match(page.body, /Safety item/, 'a clinician can read the answers back');

      const database = await wholeDatabase(testApp.db);
      assert.match(
        database,
        stored('link_created_by', 'request_form'),
        'the search finds a plain value of the same shape',
      );
      assert.deepEqual(leaks(database, answers), [], 'no answer is in the database in plaintext');

      assert.ok(testApp.logs.text.includes('/screening/questions'), 'the log holds the requests');
      assert.deepEqual(leaks(testApp.logs.text, answers), [], 'no answer is in the log');

      const emails = await db.selectFrom('outbox_messages').select(['id', 'kind', 'payload']).execute();
      // What the email says, as the mail server will get it: subject and text, out of their JSON envelope.
      const opened = new Map(
        emails.map((email) => {
          const { subject, text } = JSON.parse(
            testApp.cipher.open(email.payload, `outbox_messages.payload:${email.id}`),
          ) as { subject: string; text: string };
          return [email.kind, `${subject}\n${text}`];
        }),
      );
      for (const kind of ['safety_on_call', 'safety_escalation']) {
        const email = opened.get(kind);
        assert.ok(email, `the ${kind} email was queued`);
        assert.ok(email.includes(`/staff/requests/${requestId}`), `the ${kind} email links to the request`);
        assert.deepEqual(leaks(email, answers), [], `no answer in the ${kind} email`);
        assert.doesNotMatch(
          email,
          /better off dead|hurting yourself|self-harm|Alex/i,
          `nothing else in ${kind}`,
        );
      }
    },
  );
});
