import assert from 'node:assert/strict';
import { LogCapture, testCipher } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createLogger } from '../logging/logger.js';
import { createMailWorker } from './mail-worker.js';
import { mailStatus, retryFailedMail } from './maintenance.js';
import { createOutbox } from './outbox.js';
import { createMemoryTransport, type MailTransport } from './transport.js';

forEachEngine('mail status and retry', (_engine, it) => {
  it('a message that used all its attempts goes out after `mail retry`, and the failing banner ends', async (database) => {
    const db = database.handle.db;
    const cipher = testCipher();
    const now = () => new Date('2026-11-25T15:00:00.000Z');
    const logger = createLogger({ level: 'silent', destination: new LogCapture() });
    const outbox = createOutbox({ db, cipher, now, publicUrl: new URL('https://clinic.example/') });
    await db.transaction().execute((trx) =>
      outbox.enqueue(trx, {
        kind: 'request_new',
        to: 'frontdesk@clinic.example',
        subject: 'A new request',
        text: 'A new appointment request arrived.',
      }),
    );
    assert.deepEqual(await mailStatus(db), {
      pending: 1,
      failed: 0,
      sent: 0,
      oldestPendingAt: '2026-11-25T15:00:00.000Z',
      latestError: null,
    });

    const refusing: MailTransport = {
      async send() {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ECONNREFUSED' });
      },
      close() {},
    };
    const down = createMailWorker({ db, cipher, transport: refusing, logger, now, maxAttempts: 1 });
    assert.equal((await down.drainOnce()).failed, 1);
    assert.equal((await down.health()).failing, true);
    assert.deepEqual(await mailStatus(db), {
      pending: 0,
      failed: 1,
      sent: 0,
      oldestPendingAt: null,
      latestError: 'ECONNREFUSED',
    });

    assert.equal(await retryFailedMail(db, now()), 1);
    assert.equal(await retryFailedMail(db, now()), 0, 'nothing is left to retry');
    const memory = createMemoryTransport();
    const up = createMailWorker({ db, cipher, transport: memory, logger, now, maxAttempts: 1 });
    assert.equal((await up.drainOnce()).sent, 1, 'a fresh set of attempts, due at once');
    assert.equal(memory.sent.length, 1);
    assert.equal(memory.sent[0]?.to, 'frontdesk@clinic.example');
    assert.equal((await up.health()).failing, false);
    const status = await mailStatus(db);
    assert.equal(status.sent, 1);
    assert.equal(status.failed, 0);
  });
});
