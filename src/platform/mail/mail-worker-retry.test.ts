import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LogCapture, testCipher } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createTestSmtpServer, TEST_SMTP_PASSWORD } from '../../../test/helpers/smtp-server.js';
import { parseSmtpUrl } from '../config/mail-settings.js';
import type { Database } from '../database/schema.js';
import { createLogger } from '../logging/logger.js';
import { createMailWorker, type MailWorkerDeps } from './mail-worker.js';
import { createOutbox } from './outbox.js';
import { createSmtpTransport } from './transport.js';

/** When the SMTP server is down, refuses us, or is not configured at all. */

const START = new Date('2026-11-25T15:00:00.000Z');
const publicUrl = new URL('https://clinic.example.org/');

function setup(db: Kysely<Database>, smtpUrl: string) {
  const clock = { now: START };
  const now = () => clock.now;
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  const cipher = testCipher();
  const logs = new LogCapture();
  const logger = createLogger({ level: 'debug', destination: logs });
  const outbox = createOutbox({ db, cipher, now, publicUrl });
  const transport = createSmtpTransport({
    smtp: parseSmtpUrl(smtpUrl)!,
    from: 'no-reply@clinic.example.org',
  });
  const worker = (overrides: Partial<MailWorkerDeps> = {}) =>
    createMailWorker({ db, cipher, transport, logger, now, pollMs: 20, random: () => 0.5, ...overrides });
  const marker = randomBytes(8).toString('hex');
  const enqueue = () =>
    db.transaction().execute((trx) =>
      outbox.enqueue(trx, {
        kind: 'request_acknowledgement',
        to: `person.${marker}@example.net`,
        subject: `Your request ${marker}`,
        text: `We will call you back (${marker}).`,
      }),
    );
  const row = (id: string) =>
    db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { logs, outbox, worker, enqueue, row, advance, marker, now };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

forEachEngine('mail worker retries', (_engine, it) => {
  it('started while the SMTP server is down, it delivers after a retry once the server is up', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer({ started: false });
    try {
      const { logs, outbox, worker, enqueue, row, advance, marker, now } = setup(handle.db, server.url);
      const id = await enqueue();
      const running = worker();
      running.start();
      await until(async () => (await outbox.state(id))?.attempts === 1);
      await until(async () => (await row(id)).last_error !== null);
      const failedOnce = await row(id);
      assert.equal(failedOnce.status, 'pending');
      assert.equal(failedOnce.locked_until, null);
      assert.equal(failedOnce.next_attempt_at, new Date(now().getTime() + 30_000).toISOString());
      const health = await running.health();
      assert.deepEqual(
        { ...health, lastError: null },
        { configured: true, failing: false, pending: 1, failed: 0, lastError: null },
        'one failure is not yet "keeps failing"',
      );
      assert.match(health.lastError ?? '', /^E[A-Z]+$/);

      await server.start();
      advance(30_000);
      const [received] = await server.waitFor(1);
      await running.stop();
      assert.equal(received?.messageId, `<${id}@clinic.example.org>`);
      assert.equal((await outbox.state(id))?.attempts, 2);
      assert.deepEqual(await running.health(), {
        configured: true,
        failing: false,
        pending: 0,
        failed: 0,
        lastError: null,
      });
      assert.ok(
        logs.entries.some((entry) => entry.msg === 'mail not sent; will retry' && entry.attempt === 1),
      );
      assert.doesNotMatch(logs.text, new RegExp(marker));
    } finally {
      await server.stop();
    }
  });

  it('after maxAttempts a message is failed, health says mail keeps failing, and a later success clears it', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer({ started: false });
    try {
      const { logs, outbox, worker, enqueue, row, advance, marker, now } = setup(handle.db, server.url);
      const id = await enqueue();
      const mailer = worker({ maxAttempts: 3 });
      const waits = [];
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const result = await mailer.drainOnce();
        assert.deepEqual(result, { sent: 0, retrying: attempt < 3 ? 1 : 0, failed: attempt < 3 ? 0 : 1 });
        const after = await row(id);
        waits.push(new Date(after.next_attempt_at).getTime() - now().getTime());
        assert.deepEqual(await mailer.drainOnce(), { sent: 0, retrying: 0, failed: 0 }, 'not due yet');
        advance(60 * 60_000);
      }
      assert.deepEqual(waits.slice(0, 2), [30_000, 60_000], 'backoff starts at 30 s and doubles');
      const failed = await row(id);
      assert.equal(failed.status, 'failed');
      assert.equal(Number(failed.attempts), 3);
      assert.equal(failed.sent_at, null);
      const health = await mailer.health();
      assert.equal(health.failing, true);
      assert.equal(health.failed, 1);
      assert.equal(health.pending, 0);
      assert.match(health.lastError ?? '', /^E[A-Z]+$/);
      assert.deepEqual(await mailer.drainOnce(), { sent: 0, retrying: 0, failed: 0 }, 'failed is final');
      assert.equal((await outbox.state(id))?.status, 'failed');

      await server.start();
      await enqueue();
      assert.deepEqual(await mailer.drainOnce(), { sent: 1, retrying: 0, failed: 0 });
      const recovered = await mailer.health();
      assert.deepEqual(recovered, {
        configured: true,
        failing: false,
        pending: 0,
        failed: 1,
        lastError: null,
      });
      assert.ok(logs.entries.some((entry) => entry.msg === 'mail failed for good after its last attempt'));
      assert.doesNotMatch(logs.text, new RegExp(marker));
    } finally {
      await server.stop();
    }
  });

  it('a refused password is an EAUTH error, retried, and the password appears in no log line', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer();
    try {
      const wrong = server.url.replace(TEST_SMTP_PASSWORD, 'not-the-password');
      const { logs, worker, enqueue, row } = setup(handle.db, wrong);
      const id = await enqueue();
      assert.deepEqual(await worker().drainOnce(), { sent: 0, retrying: 1, failed: 0 });
      assert.equal((await row(id)).last_error, 'EAUTH 535');
      assert.equal(server.received.length, 0);
      assert.doesNotMatch(logs.text, /not-the-password/);
    } finally {
      await server.stop();
    }
  });

  it('without HAVEN_SMTP_URL nothing is sent, health says so, and messages wait until mail is configured', async ({
    handle,
  }) => {
    const server = await createTestSmtpServer();
    try {
      const { logs, worker, enqueue, row } = setup(handle.db, server.url);
      const id = await enqueue();
      const unconfigured = worker({ transport: null });
      unconfigured.start();
      assert.deepEqual(await unconfigured.drainOnce(), { sent: 0, retrying: 0, failed: 0 });
      await unconfigured.stop();
      assert.deepEqual(await unconfigured.health(), {
        configured: false,
        failing: false,
        pending: 1,
        failed: 0,
        lastError: null,
      });
      assert.equal(Number((await row(id)).attempts), 0, 'waiting is not failing');
      assert.ok(logs.entries.some((entry) => String(entry.msg).startsWith('mail is not configured')));

      assert.deepEqual(await worker().drainOnce(), { sent: 1, retrying: 0, failed: 0 });
      await server.waitFor(1);
    } finally {
      await server.stop();
    }
  });
});
