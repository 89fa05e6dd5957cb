import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runHaven } from '../helpers/cli.js';

describe('haven user …: staff accounts from the server shell', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-user-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}`,
    HAVEN_PUBLIC_URL: 'http://localhost:3000',
  };

  test('create prints a one-time setup link; list, disable and reset-mfa act on the account', async () => {
    const created = await runHaven(
      [
        'user',
        'create',
        '--email',
        'Sam.Lee@Clinic.example',
        '--role',
        'clinician,admin',
        '--name',
        'Sam Lee',
      ],
      { env },
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created sam\.lee@clinic\.example \(Clinician, Administrator\)/);
    assert.match(created.stdout, /http:\/\/localhost:3000\/staff\/setup\?token=[A-Za-z0-9_-]{43}/);

    const second = await runHaven(
      ['user', 'create', '--email', 'desk@clinic.example', '--role', 'front_desk'],
      { env },
    );
    assert.equal(second.code, 0, second.stderr);
    const duplicate = await runHaven(
      ['user', 'create', '--email', 'desk@clinic.example', '--role', 'editor'],
      { env },
    );
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /already exists/);

    const listed = await runHaven(['user', 'list'], { env });
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, /desk@clinic\.example\tfront_desk\tsetup not finished/);
    assert.match(listed.stdout, /sam\.lee@clinic\.example\tclinician,admin\tsetup not finished\tSam Lee/);

    const disabled = await runHaven(['user', 'disable', '--email', 'desk@clinic.example'], { env });
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(
      (await runHaven(['user', 'list'], { env })).stdout,
      /desk@clinic\.example\tfront_desk\tdisabled/,
    );

    const reset = await runHaven(['user', 'reset-mfa', '--email', 'sam.lee@clinic.example'], { env });
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /staff\/setup\?token=/);
    assert.notEqual(reset.stdout.match(/token=(\S+)/)?.[1], created.stdout.match(/token=(\S+)/)?.[1]);

    const verified = await runHaven(['audit', 'verify'], { env });
    assert.equal(verified.code, 0, verified.stdout);
  });

  test('bad input says what is wrong and exits 2', async () => {
    const badRole = await runHaven(['user', 'create', '--email', 'a@clinic.example', '--role', 'doctor'], {
      env,
    });
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be one or more of front_desk, clinician, editor, admin/);
    const badEmail = await runHaven(['user', 'create', '--email', 'not-an-email', '--role', 'editor'], {
      env,
    });
    assert.equal(badEmail.code, 2);
    assert.match(badEmail.stderr, /--email: Enter an email address/);
    const missing = await runHaven(['user', 'disable'], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Usage: haven user disable --email E/);
    const unknown = await runHaven(['user', 'disable', '--email', 'nobody@clinic.example'], { env });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no staff account for nobody@clinic\.example/);
  });
});
