import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import type { TestDatabase } from '../../test/helpers/database.js';
import { createStaffMember } from '../../test/helpers/staff.js';
import { answerEverything, answerItem9, personWithRequest, sendAnswers } from './test-person.js';

/**
 * Issue 8: screening answers never appear in plaintext in the database, the log or an email, on either
 * engine. Answers are numbers and "yes"/"no", so the markers are their stored shape, an item's id next to
 * its value (`"phq9-9":2`, `"ket-heart":"yes"`), and the item ids on their own. The same search must find
 * a plain column of the same shape (the audit entry's `"link_created_by":"request_form"`; until decision
 * 017's amendment it was `"instrument":"phq-9"`, itself a leak), so it could find a leak.
 */

/** On SQLite the bytes of the file and its write-ahead log; on PostgreSQL every text column of every table. */
async function wholeDatabase(db: TestDatabase): Promise<string> {
  if (db.config.engine === 'sqlite') {
    const files = [db.config.file, `${db.config.file}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file))).toString('latin1');
  }
  // Column by column, not `row::text`, which doubles the quotes inside a value and would hide `"phq9-9":2`.
  const columns = await sql<{ schema: string; table: string; column: string }>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
    from information_schema.columns c join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(db.handle.db);
  const names = columns.rows.map((c) => `${c.table}.${c.column}`);
  for (const needed of [
    'screening_responses.sealed_answers',
    'outbox_messages.payload',
    'audit_events.details',
  ])
    assert.ok(names.includes(needed), `the search covers ${needed}`);
  const values: string[] = [];
  for (const { schema, table, column } of columns.rows) {
    const result = await sql<{
      value: string | null;
    }>`select ${sql.ref(column)}::text as value from ${sql.table(`${schema}.${table}`)}`.execute(
      db.handle.db,
    );
    values.push(...result.rows.map((row) => row.value ?? ''));
  }
  return values.join('\n');
}

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
