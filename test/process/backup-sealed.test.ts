import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach } from 'node:test';
import { promisify } from 'node:util';
import { appOnEachEngine } from '../helpers/app-engines.js';
import { runHaven } from '../helpers/cli.js';
import { createStaffMember, csrfOf } from '../helpers/staff.js';
import { sendRequestForm } from '../helpers/submissions.js';
import { havenEnv, scratchFolder } from './backup-harness.js';
import { leaks, markedRequest } from './marked-request.js';

/**
 * Issue 7 and decision 015: health fields stay sealed inside a backup. A request with a marker in every
 * field, and a staff note, are backed up with `haven backup`, and the file is searched for each. PostgreSQL's
 * custom-format archive is compressed, so it is also read back as plain SQL with `pg_restore -f -`.
 */

const run = promisify(execFile);

appOnEachEngine('a backup keeps health fields sealed', (engine, it) => {
  const folder = scratchFolder('haven-backup-sealed-');
  afterEach(() => folder.remove());

  it(
    'no submitted value or note is in the backup file in plaintext',
    { content: 'none' },
    async (testApp, clock) => {
      const { app } = testApp;
      const request = markedRequest();
      const sent = await sendRequestForm(app, request.form);
      assert.equal(sent.statusCode, 303);
      const desk = await createStaffMember(app, clock, ['front_desk']);
      const { id } = await testApp.db.handle.db
        .selectFrom('appointment_requests')
        .select('id')
        .executeTakeFirstOrThrow();
      const page = (await desk.client.get(`/staff/requests/${id}`)).body;
      const noted = await desk.client.post(`/staff/requests/${id}/notes`, {
        _csrf: csrfOf(page),
        note: request.note,
      });
      assert.ok(noted.body.includes(request.note), 'the note was stored');

      const file = path.join(folder.dir, engine === 'sqlite' ? 'haven.db' : 'haven.dump');
      const backup = await runHaven(['backup', file], { env: havenEnv(testApp.db) });
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /appointment_requests 1/);

      const bytes = readFileSync(file);
      assert.deepEqual(leaks(bytes, request), [], 'no sealed value in the backup file’s bytes');
      let readable = bytes;
      if (engine === 'postgres') {
        const { stdout } = await run('pg_restore', ['--file=-', file], { maxBuffer: 64 * 1024 * 1024 });
        readable = Buffer.from(stdout);
        assert.deepEqual(leaks(readable, request), [], 'nor in the archive read back as SQL');
      }
      assert.ok(
        readable.includes(request.control),
        'the request’s plain columns are there, so a leaked value would have been found',
      );
    },
  );
});
