import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { LogCapture, testCipher } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createCipher, createKeyring, PLATFORM_ENCRYPTED_COLUMNS, rotateKeys } from '../crypto/index.js';
import { createLogger } from '../logging/logger.js';
import { createMailWorker } from './mail-worker.js';
import { createOutbox, payloadContext } from './outbox.js';
import { createMemoryTransport } from './transport.js';

const now = () => new Date('2026-11-25T15:00:00.000Z');
const publicUrl = new URL('https://clinic.example.org/');

function mail(marker: string) {
  return {
    kind: 'request_acknowledgement',
    to: `patient.${marker}@example.net`,
    subject: `We received your request ${marker}`,
    text: `Thank you. Reference ${marker}.`,
  };
}

forEachEngine('mail outbox', (_engine, it) => {
  it('queues a message inside the caller transaction, sealed, with a Message-ID on the public host', async ({
    handle,
  }) => {
    const { db } = handle;
    const cipher = testCipher();
    const outbox = createOutbox({ db, cipher, now, publicUrl });
    const marker = randomBytes(8).toString('hex');
    const id = await db.transaction().execute((trx) => outbox.enqueue(trx, mail(marker)));

    const row = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.kind, 'request_acknowledgement');
    assert.equal(row.status, 'pending');
    assert.equal(Number(row.attempts), 0);
    assert.equal(row.message_id, `<${id}@clinic.example.org>`);
    assert.equal(row.next_attempt_at, now().toISOString());
    // The raw row holds neither the address, nor the subject, nor the body: only a sealed value.
    const raw = JSON.stringify((await sql`select * from outbox_messages where id = ${id}`.execute(db)).rows);
    assert.doesNotMatch(raw, new RegExp(marker), 'no part of the message is stored in plaintext');
    assert.match(row.payload, /^v1\.test\./);
    assert.deepEqual(JSON.parse(cipher.open(row.payload, payloadContext(id))), {
      to: `patient.${marker}@example.net`,
      subject: `We received your request ${marker}`,
      text: `Thank you. Reference ${marker}.`,
    });
    assert.deepEqual(await outbox.state(id), {
      id,
      kind: 'request_acknowledgement',
      messageId: `<${id}@clinic.example.org>`,
      status: 'pending',
      attempts: 0,
      sentAt: null,
    });
  });

  it('refuses to queue outside a transaction, and a rolled-back transaction leaves no message', async ({
    handle,
  }) => {
    const { db } = handle;
    const outbox = createOutbox({ db, cipher: testCipher(), now, publicUrl });
    await assert.rejects(
      // @ts-expect-error: the point is that a plain connection is refused at run time too.
      outbox.enqueue(db, mail('x')),
      /must run inside the transaction that makes the change/,
    );
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await outbox.enqueue(trx, mail('rolled-back'));
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const left = await db.selectFrom('outbox_messages').select('id').execute();
    assert.deepEqual(left, []);
  });

  it('refuses a bad message without repeating the address in the error', async ({ handle }) => {
    const { db } = handle;
    const outbox = createOutbox({ db, cipher: testCipher(), now, publicUrl });
    const attempt = (overrides: Record<string, string>) =>
      db.transaction().execute((trx) => outbox.enqueue(trx, { ...mail('m'), ...overrides }));
    await assert.rejects(attempt({ to: 'jane.doe-at-example.net' }), (error: Error) => {
      assert.match(error.message, /^Outbox message refused: to must be one email address/);
      assert.doesNotMatch(error.message, /jane/);
      return true;
    });
    await assert.rejects(attempt({ subject: 'Hello\r\nBcc: x@example.net' }), /subject must be one line/);
    await assert.rejects(attempt({ kind: 'New Request' }), /kind must be a snake_case code/);
  });

  it('keys rotate re-wraps queued payloads, which the worker still opens with only the new key', async ({
    handle,
  }) => {
    const { db } = handle;
    const oldKey = { id: 'k2025', key: createSecretKey(randomBytes(32)) };
    const newKey = { id: 'k2026', key: createSecretKey(randomBytes(32)) };
    const before = createCipher({ keyring: createKeyring([oldKey]) });
    const id = await db
      .transaction()
      .execute((trx) => createOutbox({ db, cipher: before, now, publicUrl }).enqueue(trx, mail('rotate')));

    const during = createCipher({ keyring: createKeyring([newKey, oldKey]) });
    const report = await rotateKeys({ db, cipher: during, columns: PLATFORM_ENCRYPTED_COLUMNS });
    const column = report.columns.find((c) => c.table === 'outbox_messages' && c.column === 'payload');
    assert.equal(column?.rewrapped, 1, 'the outbox payload is on the rotation list, with its own context');
    assert.ok(report.complete);

    const transport = createMemoryTransport();
    const logger = createLogger({ level: 'debug', destination: new LogCapture() });
    const after = createCipher({ keyring: createKeyring([newKey]) });
    const worker = createMailWorker({ db, cipher: after, transport, logger, now });
    assert.deepEqual(await worker.drainOnce(), { sent: 1, retrying: 0, failed: 0 });
    assert.equal(transport.sent[0]?.to, 'patient.rotate@example.net');
    assert.equal(transport.sent[0]?.messageId, `<${id}@clinic.example.org>`);
  });
});
