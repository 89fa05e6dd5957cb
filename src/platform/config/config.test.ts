import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { loadConfig } from './config.js';

function errorFor(env: Record<string, string>, cwd?: string): string {
  const result = loadConfig(env, cwd);
  assert.equal(result.ok, false, `expected ${JSON.stringify(env)} to be refused`);
  return result.ok ? '' : result.error;
}

describe('configuration', () => {
  test('defaults serve the demo clinic on localhost:3000 from SQLite under data/', () => {
    const result = loadConfig({}, '/srv/haven');
    assert.ok(result.ok);
    const { config } = result;
    assert.equal(config.port, 3000);
    assert.equal(config.host, 'localhost');
    assert.deepEqual(config.database, {
      engine: 'sqlite',
      file: '/srv/haven/data/haven.db',
      url: 'sqlite:./data/haven.db',
    });
    assert.equal(config.publicUrl.href, 'http://localhost:3000/');
    assert.equal(config.trustProxy, false);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.clinic.demo, true);
    assert.equal(config.clinic.name, 'Haven Demo Clinic');
    assert.equal(
      config.requestRetentionDays,
      null,
      'nothing is deleted on its own unless the clinic says so',
    );
    assert.equal(config.pcl5Cutoff, 33, 'the PCL-5 cut-off is 33 unless the clinic chooses 31 or 32');
    assert.deepEqual(config.mail, {
      smtp: null,
      from: 'Haven <no-reply@localhost>',
      notifyEmail: 'hello@clinic.example',
    });
  });

  test('mail settings: SMTP address, sender and notification addresses, the password never printed', () => {
    const result = loadConfig({
      HAVEN_PUBLIC_URL: 'https://clinic.example.org',
      HAVEN_SMTP_URL: 'smtp://haven%40clinic:pa%3Ass-w0rd@smtp.example.org',
      HAVEN_MAIL_FROM: 'Example Clinic <no-reply@clinic.example.org>',
      HAVEN_NOTIFY_EMAIL: 'frontdesk@clinic.example.org, lead@clinic.example.org',
    });
    assert.ok(result.ok);
    const { mail } = result.config;
    assert.equal(mail.smtp?.host, 'smtp.example.org');
    assert.equal(mail.smtp?.port, 587);
    assert.equal(mail.smtp?.tls, 'starttls', 'STARTTLS is required for a server on another machine');
    assert.equal(mail.smtp?.user, 'haven@clinic');
    assert.equal(mail.smtp?.password, 'pa:ss-w0rd');
    assert.equal(mail.smtp?.url, 'smtp://haven%40clinic:***@smtp.example.org');
    for (const printed of [JSON.stringify(result.config), inspect(result.config, { depth: 9 })]) {
      assert.doesNotMatch(printed, /pa:ss|pa%3Ass/, 'the SMTP password is in no printed form of the config');
    }
    assert.equal(mail.from, 'Example Clinic <no-reply@clinic.example.org>');
    assert.equal(mail.notifyEmail, 'frontdesk@clinic.example.org, lead@clinic.example.org');
    const fromDefault = loadConfig({ HAVEN_PUBLIC_URL: 'https://clinic.example.org/haven/' });
    assert.ok(fromDefault.ok && fromDefault.config.mail.from === 'Haven <no-reply@clinic.example.org>');

    const tls = loadConfig({ HAVEN_SMTP_URL: 'smtps://mail.example.org' });
    assert.ok(tls.ok && tls.config.mail.smtp?.port === 465 && tls.config.mail.smtp.tls === 'implicit');
    assert.equal(tls.ok && tls.config.mail.smtp?.user, null);
    const local = loadConfig({ HAVEN_SMTP_URL: 'smtp://127.0.0.1:2525' });
    assert.ok(local.ok && local.config.mail.smtp?.tls === 'none' && local.config.mail.smtp.port === 2525);
  });

  test('accepts the documented forms of every setting', () => {
    const result = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://haven:s3cret@db.internal:5432/haven',
      HAVEN_PUBLIC_URL: 'https://clinic.example.org',
      HAVEN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, loopback',
      LOG_LEVEL: 'WARN',
      HAVEN_RATE_LIMIT_PER_MINUTE: '120',
      HAVEN_REQUEST_RETENTION: '2y',
      HAVEN_PCL5_CUTOFF: '31',
    });
    assert.ok(result.ok);
    const { config } = result;
    assert.equal(config.port, 8080);
    assert.equal(config.database.engine, 'postgres');
    assert.equal(
      config.database.url,
      'postgres://haven:***@db.internal:5432/haven',
      'the password never reaches logs',
    );
    assert.equal(config.publicUrl.href, 'https://clinic.example.org/');
    assert.deepEqual(config.trustProxy, ['127.0.0.1', '10.0.0.0/8', 'loopback']);
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.rateLimitPerMinute, 120);
    assert.equal(config.requestRetentionDays, 730);
    assert.equal(config.pcl5Cutoff, 31);
    const off = loadConfig({ HAVEN_REQUEST_RETENTION: 'off' });
    assert.ok(off.ok && off.config.requestRetentionDays === null);
    const hops = loadConfig({ HAVEN_TRUST_PROXY: '1' });
    assert.ok(hops.ok && hops.config.trustProxy === 1);
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    [
      'PORT',
      { PORT: 'eighty' },
      /^PORT must be a whole number from 0 to 65535 .*"eighty".*; for example PORT=3000\.$/,
    ],
    ['PORT', { PORT: '70000' }, /^PORT must be a whole number .*"70000"/],
    [
      'HOST',
      { HOST: 'not a host!' },
      /^HOST must be an IP address or host name .*; for example HOST=127\.0\.0\.1\.$/,
    ],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://x/y' },
      /^DATABASE_URL must start with "sqlite:" or "postgres:\/\/".*; for example DATABASE_URL=sqlite:\.\/data\/haven\.db\.$/,
    ],
    ['DATABASE_URL', { DATABASE_URL: 'sqlite:' }, /^DATABASE_URL must name a database file after "sqlite:"/],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'postgres://127.0.0.1:5432' },
      /^DATABASE_URL must name the database after the host; for example DATABASE_URL=postgres:/,
    ],
    [
      'HAVEN_PUBLIC_URL',
      { HAVEN_PUBLIC_URL: 'clinic.example.org' },
      /^HAVEN_PUBLIC_URL must be a full web address, .*; for example HAVEN_PUBLIC_URL=https:\/\/clinic\.example\.org\.$/,
    ],
    [
      'HAVEN_PUBLIC_URL',
      { HAVEN_PUBLIC_URL: 'ftp://clinic.example.org' },
      /^HAVEN_PUBLIC_URL must start with https:\/\/ or http:\/\//,
    ],
    [
      'HAVEN_TRUST_PROXY',
      { HAVEN_TRUST_PROXY: 'true' },
      /^HAVEN_TRUST_PROXY must name the proxies to trust .*; for example HAVEN_TRUST_PROXY=127\.0\.0\.1\.$/,
    ],
    [
      'HAVEN_TRUST_PROXY',
      { HAVEN_TRUST_PROXY: '10.0.0.0/33' },
      /^HAVEN_TRUST_PROXY .* "10\.0\.0\.0\/33" is none of these/,
    ],
    [
      'LOG_LEVEL',
      { LOG_LEVEL: 'loud' },
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"; for example LOG_LEVEL=info\.$/,
    ],
    [
      'HAVEN_RATE_LIMIT_PER_MINUTE',
      { HAVEN_RATE_LIMIT_PER_MINUTE: '5' },
      /^HAVEN_RATE_LIMIT_PER_MINUTE must be a whole number .* at least 10, not "5"/,
    ],
    [
      'HAVEN_MASTER_KEYS',
      { HAVEN_MASTER_KEYS: 'k1:c2hvcnQ=' },
      /^HAVEN_MASTER_KEYS has a key "k1" that is not 32 bytes in base64 \(it decodes to 5 bytes\); for example HAVEN_MASTER_KEYS=k1:<32 random bytes in base64, the output of "openssl rand -base64 32">\.$/,
    ],
    [
      'HAVEN_MASTER_KEY_FILE',
      { HAVEN_MASTER_KEY_FILE: '/nonexistent/master.keys' },
      /^HAVEN_MASTER_KEY_FILE points to "\/nonexistent\/master\.keys", which cannot be read; for example HAVEN_MASTER_KEY_FILE=\/etc\/haven\/master\.keys\.$/,
    ],
    [
      'HAVEN_SMTP_URL',
      { HAVEN_SMTP_URL: 'https://user:topsecret@mail.example.org' },
      /^HAVEN_SMTP_URL must start with smtp:\/\/ .* or smtps:\/\/ .*, not "https:\/\/"; for example HAVEN_SMTP_URL=smtp:\/\/haven:secret@smtp\.example\.org:587\.$/,
    ],
    [
      'HAVEN_SMTP_URL',
      { HAVEN_SMTP_URL: 'smtp://user@mail.example.org' },
      /must give both a user name and a password, or neither/,
    ],
    [
      'HAVEN_SMTP_URL',
      { HAVEN_SMTP_URL: 'smtp://mail.example.org:587/x?tls=off' },
      /must not have a path, query/,
    ],
    [
      'HAVEN_SMTP_URL',
      { HAVEN_SMTP_URL: 'smtp://u:p@mail.example.org:99999' },
      /is not a valid SMTP address/,
    ],
    [
      'HAVEN_MAIL_FROM',
      { HAVEN_MAIL_FROM: 'Clinic <not-an-address>' },
      /^HAVEN_MAIL_FROM must be an email address, or a name and an address in angle brackets, not "Clinic <not-an-address>"/,
    ],
    [
      'HAVEN_MAIL_FROM',
      { HAVEN_MAIL_FROM: 'Clinic\r\nBcc: x@y.org <a@b.org>' },
      /^HAVEN_MAIL_FROM must not contain line breaks/,
    ],
    [
      'HAVEN_NOTIFY_EMAIL',
      { HAVEN_NOTIFY_EMAIL: 'frontdesk@clinic.example.org, nobody' },
      /^HAVEN_NOTIFY_EMAIL must be an email address, or several separated by commas, and "nobody" is not one; for example HAVEN_NOTIFY_EMAIL=frontdesk@clinic\.example\.org\.$/,
    ],
    [
      'HAVEN_REQUEST_RETENTION',
      { HAVEN_REQUEST_RETENTION: '7d' },
      /^HAVEN_REQUEST_RETENTION must be "off" or an age of at least 30 days such as 365d, 52w, 12m or 2y, not "7d"; for example HAVEN_REQUEST_RETENTION=365d\.$/,
    ],
    [
      'HAVEN_REQUEST_RETENTION',
      { HAVEN_REQUEST_RETENTION: 'a year' },
      /^HAVEN_REQUEST_RETENTION must be "off" or an age/,
    ],
    [
      'HAVEN_PCL5_CUTOFF',
      { HAVEN_PCL5_CUTOFF: '30' },
      /^HAVEN_PCL5_CUTOFF must be a whole number of points from 31 to 33, not "30"; for example HAVEN_PCL5_CUTOFF=33\.$/,
    ],
    ['HAVEN_PCL5_CUTOFF', { HAVEN_PCL5_CUTOFF: '32.5' }, /^HAVEN_PCL5_CUTOFF must be a whole number/],
    [
      'HAVEN_CLINIC_FILE',
      { HAVEN_CLINIC_FILE: '/nonexistent/clinic.yaml' },
      /^HAVEN_CLINIC_FILE points to "\/nonexistent\/clinic\.yaml", which cannot be read; /,
    ],
  ];
  for (const [variable, env, expected] of refusals) {
    test(`a bad ${variable} (${Object.values(env)[0]}) is refused with one sentence naming it`, () => {
      const error = errorFor(env);
      assert.match(error, expected);
      assert.equal(error.split('\n').length, 1);
    });
  }

  test('a refused SMTP address never repeats its password', () => {
    for (const url of ['https://u:topsecret@x.org', 'smtp://u:topsecret@x.org:1/p', 'smtp://u:topsecret@']) {
      assert.doesNotMatch(errorFor({ HAVEN_SMTP_URL: url }), /topsecret/);
    }
  });

  test('a clinic profile with a bad field names the file, the field and what is wrong', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-clinic-'));
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return name;
    };
    const good = `name: Test Clinic
phone: "+1 312 555 0100"
email: hi@test.example
timeZone: America/New_York
locations:
  - id: main
    name: Main
    address: { street: 1 Main St, city: Boston, region: MA, postalCode: "02110" }
    phone: "+1 312 555 0100"
    hours: [{ days: [mon], opens: "09:00", closes: "17:00" }]
    treatments: [tms]
`;
    const ok = loadConfig({ HAVEN_CLINIC_FILE: write('good.yaml', good) }, dir);
    assert.ok(
      ok.ok && ok.config.clinic.demo === false && ok.config.clinic.locations[0]!.address.country === 'US',
    );

    const zone = errorFor(
      { HAVEN_CLINIC_FILE: write('zone.yaml', good.replace('America/New_York', 'Mars/Olympus')) },
      dir,
    );
    assert.match(zone, /zone\.yaml", where timeZone must be an IANA time zone such as "America\/Chicago"/);
    const hours = errorFor(
      { HAVEN_CLINIC_FILE: write('hours.yaml', good.replace('"17:00"', '"08:00"')) },
      dir,
    );
    assert.match(hours, /where locations\[0\]\.hours\[0\]\.closes must close after it opens/);
    const phone = errorFor(
      {
        HAVEN_CLINIC_FILE: write(
          'phone.yaml',
          good.replace('phone: "+1 312 555 0100"\nemail', 'phone: "12"\nemail'),
        ),
      },
      dir,
    );
    assert.match(phone, /where phone must be a phone number such as "\+1 312 555 0142", not "12"/);
    const missing = errorFor(
      { HAVEN_CLINIC_FILE: write('missing.yaml', good.replace('name: Test Clinic\n', '')) },
      dir,
    );
    assert.match(missing, /where name is missing/);
    const typo = errorFor(
      { HAVEN_CLINIC_FILE: write('typo.yaml', good.replace('timeZone:', 'timezone:')) },
      dir,
    );
    assert.match(typo, /where timezone is not a known field \(check its spelling\)/);
    const yaml = errorFor({ HAVEN_CLINIC_FILE: write('broken.yaml', 'name: [unclosed') }, dir);
    assert.match(yaml, /broken\.yaml", which is not valid YAML/);
  });
});
