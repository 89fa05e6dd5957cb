import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runHaven } from '../helpers/cli.js';
import { forEachEngine } from '../helpers/engines.js';

describe('haven CLI', () => {
  test('--help lists every command, and each command has its own help', async () => {
    const help = await runHaven(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['serve', 'migrate', 'content import'])
      assert.match(help.stdout, new RegExp(`\\n  ${command} `));
    for (const [args, usage] of [
      [['serve', '--help'], 'Usage: haven serve'],
      [['migrate', '--help'], 'Usage: haven migrate'],
      [['content', 'import', '--help'], 'Usage: haven content import <dir>'],
    ] as const) {
      const result = await runHaven([...args]);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^${usage.replace(/[<>]/g, '.')}`));
    }
  });

  test('an unknown command exits 2 and shows the help', async () => {
    const result = await runHaven(['frobnicate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^Unknown command "frobnicate"\.[\s\S]*Commands:/);
  });

  test('a name every object inherits (toString, __proto__, constructor) is an unknown command too', async () => {
    for (const name of ['toString', '__proto__', 'constructor']) {
      const result = await runHaven([name, '--help']);
      assert.equal(result.code, 2, `${name} exits 2`);
      assert.match(result.stderr, new RegExp(`^Unknown command "${name}"\\.`));
    }
  });

  for (const [variable, value] of [
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'mysql://localhost/haven'],
    ['HAVEN_CLINIC_FILE', 'missing.yaml'],
  ] as const) {
    test(`a bad ${variable} stops start-up with its sentence, exit status 2, and nothing written`, async () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'haven-cli-'));
      const result = await runHaven(['serve'], { cwd, env: { [variable]: value } });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, new RegExp(`^${variable} [^\\n]+\\.\\n$`));
      assert.deepEqual(readdirSync(cwd), [], 'no data folder, database or log file was created');
    });
  }

  // The exact sentence for each bad value, as an operator would read it (src/platform/config/settings.ts).
  for (const [variable, value, sentence] of [
    [
      'HOST',
      'my clinic',
      'HOST must be an IP address or host name to listen on, not "my clinic"; for example HOST=127.0.0.1.',
    ],
    [
      'HAVEN_PUBLIC_URL',
      'clinic.example.org',
      'HAVEN_PUBLIC_URL must be a full web address, not "clinic.example.org"; for example HAVEN_PUBLIC_URL=https://clinic.example.org.',
    ],
    [
      'HAVEN_PUBLIC_URL',
      'ftp://clinic.example.org',
      'HAVEN_PUBLIC_URL must start with https:// or http://, not "ftp:"; for example HAVEN_PUBLIC_URL=https://clinic.example.org.',
    ],
    [
      'HAVEN_TRUST_PROXY',
      'true',
      'HAVEN_TRUST_PROXY must name the proxies to trust (trusting every sender would let any visitor fake their address), not "true"; for example HAVEN_TRUST_PROXY=127.0.0.1.',
    ],
    [
      'HAVEN_TRUST_PROXY',
      'loopback, nginx',
      'HAVEN_TRUST_PROXY must be a comma-separated list of proxy addresses or ranges ("loopback" for a proxy on this machine) or a hop count, and "nginx" is none of these; for example HAVEN_TRUST_PROXY=127.0.0.1.',
    ],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"; for example LOG_LEVEL=info.',
    ],
  ] as const) {
    test(`${variable}=${value} stops serve with exactly its sentence, exit status 2, and nothing written`, async () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'haven-cli-'));
      const result = await runHaven(['serve'], { cwd, env: { [variable]: value } });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `${sentence}\n`);
      assert.deepEqual(readdirSync(cwd), [], 'no data folder, database or log file was created');
    });
  }

  test('an https address without a master key stops start-up with its sentence, exit status 2, and nothing written', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-keys-'));
    const result = await runHaven(['serve'], {
      cwd,
      env: { HAVEN_PUBLIC_URL: 'https://clinic.example' },
    });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^No master key is set[^\n]+HAVEN_MASTER_KEYS=k1:[^\n]+\.\n$/);
    assert.deepEqual(readdirSync(cwd), [], 'no data folder, key, database or log file was created');
  });

  test('requests purge takes its age from --older-than or HAVEN_REQUEST_RETENTION, and says so when given neither', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-purge-'));
    const neither = await runHaven(['requests', 'purge'], { cwd });
    assert.equal(neither.code, 2);
    assert.match(
      neither.stderr,
      /^Give --older-than \(an age such as 365d, 52w, 12m or 2y\), or set HAVEN_REQUEST_RETENTION\./,
    );
    assert.deepEqual(readdirSync(cwd), [], 'nothing was created');
    const fromSetting = await runHaven(['requests', 'purge'], {
      cwd,
      env: { HAVEN_REQUEST_RETENTION: '2y' },
    });
    assert.equal(fromSetting.code, 0, fromSetting.stderr);
    const cutOff = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
    assert.match(fromSetting.stdout, new RegExp(`^Deleted 0 closed requests received before ${cutOff}`));
  });

  test('mail status and mail retry report on the outbox without printing an address', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-mail-'));
    const status = await runHaven(['mail', 'status'], { cwd });
    assert.equal(status.code, 0, status.stderr);
    assert.equal(
      status.stdout,
      'Mail is not configured (HAVEN_SMTP_URL is unset): nothing is sent.\n0 emails waiting, 0 failed for good, 0 sent.\n',
    );
    const retry = await runHaven(['mail', 'retry'], { cwd });
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(retry.stdout, 'No email had failed for good; nothing to send again.\n');
    const extra = await runHaven(['mail', 'retry', 'now'], { cwd });
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /^Unexpected "now"\.\nUsage: haven mail retry/);
  });

  test('a .env file supplies settings, and the real environment wins over it', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-env-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(cwd, '.env'), 'PORT=not-a-port\nLOG_LEVEL=loud\n');
    const fromFile = await runHaven(['migrate'], { cwd });
    assert.equal(fromFile.code, 2);
    assert.match(fromFile.stderr, /^PORT must be a whole number/);
    const overridden = await runHaven(['migrate'], { cwd, env: { PORT: '3000' } });
    assert.match(overridden.stderr, /^LOG_LEVEL must be one of/);
  });
});

forEachEngine('haven migrate', (_engine, it) => {
  it(
    'migrates an empty database, then reports it up to date',
    async ({ config, handle }) => {
      await handle.close();
      const cwd = mkdtempSync(path.join(tmpdir(), 'haven-migrate-'));
      const databaseUrl = config.engine === 'sqlite' ? `sqlite:${config.file}` : config.connectionString;
      const first = await runHaven(['migrate'], { cwd, env: { DATABASE_URL: databaseUrl } });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^Applied 2026-11-25-001-app-state/);
      const second = await runHaven(['migrate'], { cwd, env: { DATABASE_URL: databaseUrl } });
      assert.equal(second.stdout, 'The database is up to date.\n');
      assert.equal(existsSync(path.join(cwd, 'data')), false, 'an explicit DATABASE_URL writes nothing else');
    },
    { migrated: false },
  );

  it(
    'three processes migrating a new database at once: one applies the migrations, the others find it up to date',
    async ({ config, handle }) => {
      await handle.close();
      const cwd = mkdtempSync(path.join(tmpdir(), 'haven-migrate-race-'));
      const databaseUrl = config.engine === 'sqlite' ? `sqlite:${config.file}` : config.connectionString;
      const results = await Promise.all(
        [1, 2, 3].map(() => runHaven(['migrate'], { cwd, env: { DATABASE_URL: databaseUrl } })),
      );
      for (const result of results) assert.equal(result.code, 0, result.stderr);
      const outputs = results.map((result) => result.stdout.slice(0, 33)).sort();
      assert.deepEqual(outputs, [
        'Applied 2026-11-25-001-app-state,',
        'The database is up to date.\n',
        'The database is up to date.\n',
      ]);
    },
    { migrated: false },
  );
});
