import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import type { TestDatabase } from '../../test/helpers/database.js';
import { createStaffMember, csrfOf } from '../../test/helpers/staff.js';
import { sendRequestForm } from '../../test/helpers/submissions.js';
import { leaks, markedRequest } from '../../test/process/marked-request.js';

/**
 * Issue 7: the database never holds a submitted value in plaintext. Every sealed field (and a staff note)
 * carries its own marker, and the whole database is searched for each: on SQLite the bytes of the file and
 * its write-ahead log, on PostgreSQL every row of every table as text.
 */

async function wholeDatabase(db: TestDatabase): Promise<Buffer> {
  if (db.config.engine === 'sqlite') {
    const files = [db.config.file, `${db.config.file}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file)));
  }
  const tables = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(
    db.handle.db,
  );
  assert.ok(tables.rows.some((table) => table.name === 'appointment_requests'));
  const rows: string[] = [];
  for (const table of tables.rows) {
    const result = await sql<{ row: string }>`select t::text as row from ${sql.table(
      `${table.schema}.${table.name}`,
    )} t`.execute(db.handle.db);
    rows.push(...result.rows.map((r) => r.row));
  }
  return Buffer.from(rows.join('\n'));
}

appOnEachEngine('what a person sends is sealed everywhere', (_engine, it) => {
  it(
    'no field, nor a staff note, is in the database or the log in plaintext',
    { content: 'none' },
    async (testApp, clock) => {
      const { app } = testApp;
      const request = markedRequest();
      const sent = await sendRequestForm(app, request.form);
      assert.equal(sent.statusCode, 303, 'the request was accepted');

      const desk = await createStaffMember(app, clock, ['front_desk']);
      const { id } = await testApp.db.handle.db
        .selectFrom('appointment_requests')
        .select('id')
        .executeTakeFirstOrThrow();
      const page = await desk.client.get(`/staff/requests/${id}`);
      for (const field of ['name', 'email', 'dob', 'message', 'times', 'referral', 'insurance'] as const) {
        assert.ok(page.body.includes(request.needles[field][0]!), `staff can read the ${field}`);
      }
      assert.ok(page.body.includes(request.needles.phone[1]!), 'staff can read the phone number');
      const noted = await desk.client.post(`/staff/requests/${id}/notes`, {
        _csrf: csrfOf(page.body),
        note: request.note,
      });
      assert.ok(noted.body.includes(request.note), 'the note was stored');

      const bytes = await wholeDatabase(testApp.db);
      assert.ok(bytes.includes(request.control), 'the search finds a plain column, so it would find a leak');
      assert.deepEqual(leaks(bytes, request), [], 'no sealed value is in the database in plaintext');
      assert.ok(testApp.logs.lines.length > 0, 'the log was captured');
      assert.deepEqual(leaks(testApp.logs.text, request), [], 'no submitted value is in the log');
    },
  );
});
