import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { runHaven } from '../helpers/cli.js';
import { ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { createStaffMember, csrfOf, staffClient, testClock } from '../helpers/staff.js';
import { skipOrFail } from '../helpers/strict.js';
import { havenEnv, scratchFolder } from './backup-harness.js';
import { leaks, markedRequest } from './marked-request.js';

/**
 * Issue 7 and decision 015: health fields stay sealed inside a backup. A request with a marker in every
 * field, and a staff note, are backed up with `haven backup`, and the file is searched for each. PostgreSQL's
 * custom-format archive is compressed, so it is also read back as plain SQL with `pg_restore -f -`.
 */

const run = promisify(execFile);

for (const engine of ENGINES) {
  describe(`a backup keeps health fields sealed [${engine}]`, () => {
    let testApp: TestApp | undefined;
    const folder = scratchFolder('haven-backup-sealed-');
    afterEach(async () => {
      await testApp?.close();
      folder.remove();
    });

    test('no submitted value or note is in the backup file in plaintext', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const clock = testClock();
      testApp = await buildTestApp({ engine, now: clock.now, content: 'none' });
      const { app } = testApp;
      const request = markedRequest();
      const person = staffClient(app);
      const form = (await person.get('/request-appointment')).body;
      const sent = await person.post('/request-appointment', { _csrf: csrfOf(form), ...request.form });
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
    });
  });
}
