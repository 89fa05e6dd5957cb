import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LogCapture, testCipher } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createTestSmtpServer, type TestSmtpServer } from '../../../test/helpers/smtp-server.js';
import { parseSmtpUrl } from '../config/mail-settings.js';
import type { Cipher } from '../crypto/index.js';
import { createDatabase } from '../database/database.js';
import type { Database } from '../database/schema.js';
import { createLogger } from '../logging/logger.js';
import { createMailWorker, type MailWorkerDeps } from './mail-worker.js';
import { createOutbox, OutboxPayload, payloadContext } from './outbox.js';
import { createOutboxStore } from './outbox-store.js';
import { createSmtpTransport } from './transport.js';

/** The happy path against a real SMTP server: delivery, no second send, and nothing personal in logs. */

const now = () => new Date('2026-11-25T15:00:00.000Z');
const publicUrl = new URL('https://clinic.example.org/');
const FROM = 'Haven Test Clinic <no-reply@clinic.example.org>';

function setup(db: Kysely<Database>, server: TestSmtpServer, cipher: Cipher = testCipher()) {
  const logs = new LogCapture();
  const logger = createLogger({ level: 'debug', destination: logs });
  const outbox = createOutbox({ db, cipher, now, publicUrl });
  const transport = () =>
    createSmtpTransport({ smtp: parseSmtpUrl(server.url)!, from: FROM, timeoutMs: 2000 });
  const worker = (overrides: Partial<MailWorkerDeps> = {}) =>
    createMailWorker({ db, cipher, transport: transport(), logger, now, pollMs: 20, ...overrides });
  const enqueue = (marker: string, kind = 'staff_new_request') =>
    db.transaction().execute((trx) =>
      outbox.enqueue(trx, {
        kind,
        to: `frontdesk.${marker}@clinic.example.org`,
        subject: `New request ${marker}`,
        text: `A new appointment request arrived (${marker}). Open the staff area to read it.`,
      }),
    );
  return { logs, outbox, worker, enqueue, cipher };
}

forEachEngine('mail worker', (_engine, it) => {
  it('delivers to a real SMTP server with the stored Message-ID, and logs no address, subject or body', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer();
    try {
      const { logs, outbox, worker, enqueue } = setup(handle.db, server);
      const marker = randomBytes(8).toString('hex');
      const id = await enqueue(marker);
      const running = worker();
      running.start();
      const [received] = await server.waitFor(1);
      await running.stop();

      assert.equal(received?.messageId, `<${id}@clinic.example.org>`);
      assert.deepEqual(received?.to, [`frontdesk.${marker}@clinic.example.org`]);
      assert.equal(received?.from, 'no-reply@clinic.example.org');
      assert.match(received!.raw, new RegExp(`^Subject: New request ${marker}\\r?$`, 'm'));
      assert.match(received!.raw, new RegExp(`A new appointment request arrived \\(${marker}\\)`));
      const state = await outbox.state(id);
      assert.equal(state?.status, 'sent');
      assert.equal(state?.attempts, 1);
      assert.equal(state?.sentAt, now().toISOString());

      assert.ok(logs.entries.some((entry) => entry.msg === 'mail sent' && entry.outboxId === id));
      assert.doesNotMatch(logs.text, new RegExp(marker), 'no recipient, subject or body in any log line');
      assert.doesNotMatch(logs.text, /frontdesk/);
    } finally {
      await server.stop();
    }
  });

  it('a new worker over the same database after a confirmed delivery sends nothing more', async ({
    handle,
    config,
  }) => {
    const server = await createTestSmtpServer();
    const restarted = createDatabase(config);
    try {
      const { worker, enqueue, cipher } = setup(handle.db, server);
      await enqueue('one');
      await enqueue('two');
      assert.deepEqual(await worker().drainOnce(), { sent: 2, retrying: 0, failed: 0 });
      await server.waitFor(2);

      // As after a restart: another connection, another worker, the same rows.
      const again = setup(restarted.db, server, cipher).worker();
      assert.deepEqual(await again.drainOnce(), { sent: 0, retrying: 0, failed: 0 });
      again.start();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await again.stop();
      assert.equal(server.received.length, 2, 'no second send after a confirmed delivery');
    } finally {
      await restarted.close();
      await server.stop();
    }
  });

  it('two workers draining the same outbox at once send each message exactly once', async ({
    handle,
    config,
  }) => {
    const server = await createTestSmtpServer();
    const second = createDatabase(config);
    try {
      const first = setup(handle.db, server);
      const ids = [];
      for (let n = 0; n < 12; n += 1) ids.push(await first.enqueue(`m${n}`));
      const other = setup(second.db, server, first.cipher);
      const results = await Promise.all([first.worker().drainOnce(), other.worker().drainOnce()]);
      assert.equal(results[0]!.sent + results[1]!.sent, 12);

      await server.waitFor(12);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const messageIds = server.received.map((mail) => mail.messageId).sort();
      assert.deepEqual(messageIds, ids.map((id) => `<${id}@clinic.example.org>`).sort());
      const statuses = await handle.db.selectFrom('outbox_messages').select('status').execute();
      assert.ok(statuses.every((row) => row.status === 'sent'));
    } finally {
      await second.close();
      await server.stop();
    }
  });

  it('a message the server accepted before a crash, not yet marked sent, is sent again once its lease runs out, with the same Message-ID', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer();
    try {
      const { worker, enqueue, outbox, cipher } = setup(handle.db, server);
      const id = await enqueue('crash');
      // What a worker does up to the moment the process is killed: claim, open, send, accepted...
      const claimed = await createOutboxStore(handle.db).claim(
        id,
        now().toISOString(),
        new Date(now().getTime() + 5 * 60_000).toISOString(),
      );
      const smtp = createSmtpTransport({ smtp: parseSmtpUrl(server.url)!, from: FROM, timeoutMs: 2000 });
      await smtp.send({
        messageId: claimed!.messageId,
        ...OutboxPayload.parse(JSON.parse(cipher.open(claimed!.payload, payloadContext(id)))),
      });
      // ...and killed before recording it.
      assert.equal((await outbox.state(id))?.status, 'pending');

      assert.deepEqual(await worker().drainOnce(), { sent: 0, retrying: 0, failed: 0 }, 'leased: not yet');
      const later = () => new Date(now().getTime() + 6 * 60_000);
      assert.deepEqual(await worker({ now: later }).drainOnce(), { sent: 1, retrying: 0, failed: 0 });
      await server.waitFor(2);
      assert.equal(server.received[1]?.messageId, `<${id}@clinic.example.org>`);
      assert.equal(
        server.received[0]?.messageId,
        server.received[1]?.messageId,
        'recognisably the same message',
      );
      assert.equal((await outbox.state(id))?.attempts, 2);
    } finally {
      await server.stop();
    }
  });

  it('stop() waits for a send in flight and its record, so a restart does not send it again', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer();
    try {
      const { worker, enqueue, outbox } = setup(handle.db, server);
      const id = await enqueue('in-flight');
      const smtp = createSmtpTransport({ smtp: parseSmtpUrl(server.url)!, from: FROM, timeoutMs: 2000 });
      let sending!: () => void;
      const started = new Promise<void>((resolve) => {
        sending = resolve;
      });
      const slow = worker({
        transport: {
          async send(mail) {
            sending();
            await new Promise((resolve) => setTimeout(resolve, 200));
            await smtp.send(mail);
          },
          close() {},
        },
      });
      slow.start();
      await started;
      await slow.stop();
      assert.equal((await outbox.state(id))?.status, 'sent', 'recorded before stop() resolved');
      assert.equal(server.received.length, 1);
    } finally {
      await server.stop();
    }
  });
});
