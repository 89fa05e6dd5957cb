import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LiveServer, startLiveServer } from '../helpers/server.js';
import {
  createTestSmtpServer,
  TEST_SMTP_PASSWORD,
  TEST_SMTP_USER,
  type TestSmtpServer,
} from '../helpers/smtp-server.js';
import { createStaffMember, signIn, testClock } from '../helpers/staff.js';
import { submitRequest } from '../helpers/submissions.js';

describe('a new request is emailed to staff through the outbox, saying nothing personal', () => {
  let smtp: TestSmtpServer;
  let server: LiveServer;
  before(async () => {
    smtp = await createTestSmtpServer();
    server = await startLiveServer({
      env: {
        HAVEN_SMTP_URL: `smtp://${TEST_SMTP_USER}:${TEST_SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
        HAVEN_NOTIFY_EMAIL: 'front-desk@clinic.example',
        HAVEN_MAIL_FROM: 'Haven Demo <no-reply@clinic.example>',
        HAVEN_REQUEST_FORM_LIMIT: '100',
      },
    });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  test('staff get a link to the request, the person an acknowledgement; neither holds a submitted value', async () => {
    const marker = `otter${Math.random().toString(36).slice(2, 9)}`;
    const status = await submitRequest(server.origin, {
      key: `mail-${marker}`,
      name: `Casey ${marker}`,
      email: `casey.${marker}@example.org`,
    });
    assert.equal(status, 303);
    const mails = await smtp.waitFor(2, 15_000);
    const toStaff = mails.find((mail) => mail.to.includes('front-desk@clinic.example'));
    const toPerson = mails.find((mail) => mail.to.includes(`casey.${marker}@example.org`));
    assert.ok(toStaff, 'staff were told');
    assert.ok(toPerson, 'the person got an acknowledgement');
    assert.match(toStaff.raw, /staff\/requests\/[0-9a-f-]{36}/);
    assert.match(toStaff.raw, /Message-ID: <[^>]+>/i);
    for (const mail of [toStaff, toPerson]) {
      const body = mail.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n');
      assert.ok(!body.includes(marker), 'no submitted value in an email body');
      assert.ok(!/Subject:[^\n]*otter/i.test(mail.raw), 'nor in the subject');
      assert.doesNotMatch(body, /0123|Message of/, 'not the phone number or the message');
    }
    assert.match(toPerson.raw, /988/);
    assert.ok(!server.logs.text.includes(marker), 'and nothing of it in the logs');
  });
});

describe('without mail settings', () => {
  let server: LiveServer;
  before(async () => {
    server = await startLiveServer();
  });
  after(() => server?.stop());

  test('every staff page says email is not set up, and requests still arrive in the inbox', async () => {
    const app = server.server.app;
    const clock = testClock(Date.now());
    const member = await createStaffMember(app, clock, ['front_desk']);
    const client = await signIn(app, clock, member);
    assert.equal(
      await submitRequest(server.origin, { key: `no-mail-${Date.now()}`, name: 'Riley Nomail' }),
      303,
    );
    const inbox = await client.get('/staff/requests');
    assert.ok(inbox.body.includes('Email is not set up'), 'the banner is shown');
    assert.ok(inbox.body.includes('Riley Nomail'), 'the request is in the inbox');
  });
});
