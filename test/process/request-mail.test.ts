import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { startLiveServer } from '../helpers/server.js';
import { createTestSmtpServer } from '../helpers/smtp-server.js';
import { skipOrFail } from '../helpers/strict.js';
import { leaks, markedRequest, sendForm } from './marked-request.js';

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The message as received, and its body decoded as a mail client would show it: a value split by
 * quoted-printable's soft line breaks or hidden in base64 must be found too.
 */
function asRead(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trim();
  assert.doesNotMatch(headers, /^Content-Type: multipart\//im, 'one text part (decoded below)');
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  const decoded =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return `${raw}\n${decoded}`;
}

/**
 * Issue 7: the emails a request causes say nothing personal. A request with a marker in every field goes
 * to a running Haven; the messages as the real SMTP server received them (headers and body) are searched
 * for every value. Only the person's own address may appear, and only where the acknowledgement is sent.
 */
for (const engine of ENGINES) {
  describe(`a new request is emailed through the outbox, saying nothing personal [${engine}]`, () => {
    test('staff get a link to the request, the person an acknowledgement; neither holds a submitted value', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const smtp = await createTestSmtpServer();
      const server = await startLiveServer({
        engine,
        env: {
          HAVEN_SMTP_URL: smtp.url,
          HAVEN_NOTIFY_EMAIL: 'front-desk@clinic.example',
          HAVEN_MAIL_FROM: 'Haven Demo <no-reply@clinic.example>',
        },
      });
      try {
        const request = markedRequest();
        const address = `${request.needles.email[0]}@example.org`;
        assert.equal(await sendForm(server.origin, request.form), 303);
        const mails = await smtp.waitFor(2, 15_000);
        const toStaff = mails.find((mail) => mail.to.includes('front-desk@clinic.example'));
        const toPerson = mails.find((mail) => mail.to.includes(address));
        assert.ok(toStaff, 'staff were told');
        assert.ok(toPerson, 'the person got an acknowledgement, at the address as Haven normalised it');
        assert.match(toStaff.raw, /staff\/requests\/[0-9a-f-]{36}/);
        assert.match(toStaff.raw, /^Message-ID: <[^>]+>/im);
        assert.match(toPerson.raw, /988/, 'the acknowledgement has the crisis line');

        assert.deepEqual(leaks(asRead(toStaff.raw), request), [], 'the staff email holds no submitted value');
        const toHeader = /^To: .*\r?\n/im.exec(toPerson.raw)?.[0] ?? '';
        assert.ok(toHeader.includes(address), 'the acknowledgement is addressed to the person');
        assert.deepEqual(
          leaks(asRead(toPerson.raw.replace(toHeader, '')), request),
          [],
          'apart from its To header, the acknowledgement holds no submitted value',
        );
        for (const mail of [toStaff, toPerson]) {
          assert.doesNotMatch(
            asRead(mail.raw),
            /depression|obsessive|\bOCD\b/i,
            'nor what they want help with',
          );
          assert.ok(!mail.raw.includes(request.control), 'nor the form’s own key');
        }
        assert.deepEqual(leaks(server.logs.text, request), [], 'and nothing of it in the logs');
      } finally {
        await server.stop();
        await smtp.stop();
      }
    });
  });
}
