import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { createMailWorker, createSmtpTransport } from '../../src/platform/mail/index.js';
import { LogCapture, testCipher, testConfig } from '../helpers/app.js';
import { createTestDatabase, ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { startLiveServer } from '../helpers/server.js';
import { createTestSmtpServer } from '../helpers/smtp-server.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  signIn,
  staffClient,
  testClock,
} from '../helpers/staff.js';
import { skipOrFail } from '../helpers/strict.js';
import { submitRequest } from '../helpers/submissions.js';

/**
 * Issue 7: when mail is not set up, or keeps failing, every staff page says so, so nobody waits for an
 * email that will not come. The banners are refreshed in the background (every 10 seconds), so a test
 * waits for them as a person reloading the page would.
 */

// Issue 13 changed these: the banner leads with the urgent alerts that cannot go out.
const NOT_SET_UP = 'Urgent safety alerts and their escalations cannot go out: email is not set up.';
const FAILING = 'Urgent safety alerts and their escalations are not going out: email keeps failing.';
const STAFF_PAGES = ['/staff', '/staff/account', '/staff/requests'];

/** The text of the "System problems" section of a staff page, or '' when there is none. */
async function banners(client: StaffClient, path: string): Promise<string> {
  const page = await client.get(path);
  assert.equal(page.statusCode, 200, `${path} opens: ${page.headers.location}`);
  return /<section aria-label="System problems"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('without mail settings', () => {
  test('every staff page says email is not set up, and requests still arrive in the inbox', async () => {
    const server = await startLiveServer();
    try {
      const app = server.server.app;
      const clock = testClock(Date.now());
      const member = await createStaffMember(app, clock, ['front_desk']);
      const client = await signIn(app, clock, member);
      const name = `Riley Nomail ${Date.now()}`;
      assert.equal(await submitRequest(server.origin, { key: `no-mail-${Date.now()}`, name }), 303);
      for (const path of STAFF_PAGES) {
        assert.ok((await banners(client, path)).includes(NOT_SET_UP), `${path} shows the banner`);
      }
      assert.ok((await client.get('/staff/requests')).body.includes(name), 'the request is in the inbox');
      const publicPage = await staffClient(app).get('/request-appointment');
      assert.ok(!publicPage.body.includes(NOT_SET_UP), 'the public never sees it');
    } finally {
      await server.stop();
    }
  });
});

for (const engine of ENGINES) {
  describe(`when the mail server cannot be reached [${engine}]`, () => {
    test('every staff page says email keeps failing, until a message gets through', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      // A real SMTP address whose port is closed: every attempt is refused.
      const smtp = await createTestSmtpServer({ started: false });
      const db = await createTestDatabase(engine);
      const clock = testClock();
      const config = { ...testConfig({ HAVEN_SMTP_URL: smtp.url }), database: db.config };
      const logger = createLogger({ level: 'info', destination: new LogCapture() });
      const cipher = testCipher();
      const transport = createSmtpTransport({ smtp: config.mail.smtp!, from: config.mail.from });
      const worker = createMailWorker({
        db: db.handle.db,
        cipher,
        transport,
        logger,
        now: clock.now,
        random: () => 0.5,
      });
      let app: FastifyInstance | undefined;
      try {
        app = await buildApp({
          config,
          database: db.handle,
          logger,
          cipher,
          now: clock.now,
          mailHealth: () => worker.health(),
        });
        await app.ready();
        const person = staffClient(app);
        const form = (await person.get('/request-appointment')).body;
        const sent = await person.post('/request-appointment', {
          _csrf: csrfOf(form),
          idempotency_key: `banner-${Math.random().toString(36).slice(2)}`,
          name: 'Sky Waiting',
          contact_method: 'phone',
          phone: '312 555 0188',
          location: 'lakeside',
          consent_privacy: 'yes',
          consent_contact: 'yes',
        });
        assert.equal(sent.statusCode, 303);
        const desk = await createStaffMember(app, clock, ['front_desk']);
        for (const path of STAFF_PAGES)
          assert.equal(await banners(desk.client, path), '', `${path}: no banner yet`);

        // Three refused attempts, each after its backoff, is "keeps failing" (decision 014).
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          assert.deepEqual(await worker.drainOnce(), { sent: 0, retrying: 1, failed: 0 });
          clock.advance(2 * 60_000); // past the backoff (30 s, 60 s, 120 s), within the sign-in's idle time
        }
        await until('the banner is shown', async () =>
          (await banners(desk.client, '/staff')).includes(FAILING),
        );
        for (const path of STAFF_PAGES) {
          assert.ok((await banners(desk.client, path)).includes(FAILING), `${path} says email keeps failing`);
        }

        await smtp.start();
        assert.deepEqual(await worker.drainOnce(), { sent: 1, retrying: 0, failed: 0 });
        await until('the banner is gone', async () => (await banners(desk.client, '/staff')) === '');
        assert.equal(smtp.received.length, 1, 'the staff email got through');
      } finally {
        await app?.close();
        await worker.stop();
        transport.close();
        await smtp.stop();
        await db.dispose();
      }
    });
  });
}
