import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../config/config.js';
import { createCipher } from './envelope.js';
import { createKeyring, parseMasterKeyList } from './master-keys.js';
import { resolveMasterKeys } from './resolve-master-keys.js';

const key = () => randomBytes(32).toString('base64');

function refusal(env: Record<string, string>, cwd?: string): string {
  const result = loadConfig(env, cwd);
  assert.equal(result.ok, false, `expected ${Object.keys(env).join(', ')} to be refused`);
  return result.ok ? '' : result.error;
}

describe('master keys from the environment', () => {
  test('HAVEN_MASTER_KEYS lists id:base64key pairs; the first is active and the rest still read', () => {
    const [a, b] = [key(), randomBytes(32).toString('base64url')];
    const result = loadConfig({ HAVEN_MASTER_KEYS: ` k2026:${a} , k2025:${b} ` });
    assert.ok(result.ok);
    const setting = result.config.masterKeys;
    assert.equal(setting.source, 'HAVEN_MASTER_KEYS');
    const keyring = createKeyring(setting.source === 'HAVEN_MASTER_KEYS' ? setting.keys : []);
    assert.equal(keyring.activeKeyId, 'k2026');
    assert.deepEqual(keyring.keyIds, ['k2026', 'k2025']);
    assert.ok(!JSON.stringify(result.config).includes(a), 'the config serialises without key material');
  });

  const refusals: [string, (k: string) => Record<string, string>, RegExp][] = [
    [
      'no id',
      (k) => ({ HAVEN_MASTER_KEYS: k }),
      /^HAVEN_MASTER_KEYS has no key id in key 1 \(expected id:base64key\); for example HAVEN_MASTER_KEYS=k1:<32 random bytes in base64, the output of "openssl rand -base64 32">\.$/,
    ],
    [
      'short key',
      () => ({ HAVEN_MASTER_KEYS: `k1:${randomBytes(16).toString('base64')}` }),
      /^HAVEN_MASTER_KEYS has a key "k1" that is not 32 bytes in base64 \(it decodes to 16 bytes\); for example/,
    ],
    [
      'not base64',
      () => ({ HAVEN_MASTER_KEYS: 'k1:not base64 at all!' }),
      /^HAVEN_MASTER_KEYS has a key "k1" that is not 32 bytes in base64 \(it decodes to 0 bytes\)/,
    ],
    [
      'bad id',
      (k) => ({ HAVEN_MASTER_KEYS: `k.1:${k}` }),
      /^HAVEN_MASTER_KEYS has a key id in key 1 that is not 1 to 40 letters/,
    ],
    [
      'twice',
      (k) => ({ HAVEN_MASTER_KEYS: `k1:${k},k1:${key()}` }),
      /^HAVEN_MASTER_KEYS names key id "k1" twice/,
    ],
    [
      'both',
      (k) => ({ HAVEN_MASTER_KEYS: `k1:${k}`, HAVEN_MASTER_KEY_FILE: '/etc/haven/keys' }),
      /^HAVEN_MASTER_KEY_FILE cannot be set together with HAVEN_MASTER_KEYS \(set only one of them\); for example HAVEN_MASTER_KEY_FILE=\/etc\/haven\/master\.keys\.$/,
    ],
    [
      'missing file',
      () => ({ HAVEN_MASTER_KEY_FILE: '/nonexistent/master.keys' }),
      /^HAVEN_MASTER_KEY_FILE points to "\/nonexistent\/master\.keys", which cannot be read; for example/,
    ],
  ];
  for (const [what, env, expected] of refusals) {
    test(`a bad master key setting (${what}) is one sentence that never repeats the key`, () => {
      const material = key();
      const error = refusal(env(material));
      assert.match(error, expected);
      assert.equal(error.split('\n').length, 1);
      assert.ok(!error.includes(material));
    });
  }

  test('HAVEN_MASTER_KEY_FILE reads one key a line with comments, and refuses a file others may read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-keys-'));
    const file = path.join(dir, 'master.keys');
    writeFileSync(file, `# rotated 2026-11\nnew:${key()}\n\nold:${key()}\n`, { mode: 0o600 });
    const result = loadConfig({ HAVEN_MASTER_KEY_FILE: 'master.keys' }, dir);
    assert.ok(result.ok && result.config.masterKeys.source === 'HAVEN_MASTER_KEY_FILE');
    assert.deepEqual(createKeyring(result.config.masterKeys.keys).keyIds, ['new', 'old']);
    chmodSync(file, 0o640);
    assert.match(
      refusal({ HAVEN_MASTER_KEY_FILE: file }),
      /^HAVEN_MASTER_KEY_FILE points to ".*master\.keys", which other accounts may read \(mode 640\); make it private with chmod 600 ".*master\.keys"; for example/,
    );
    writeFileSync(path.join(dir, 'empty.keys'), '# nothing\n', { mode: 0o600 });
    assert.match(refusal({ HAVEN_MASTER_KEY_FILE: 'empty.keys' }, dir), /which names no key;/);
  });

  test('with neither variable set, config names data/master.key and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-keys-'));
    const result = loadConfig({}, dir);
    assert.ok(result.ok);
    assert.deepEqual(result.config.masterKeys, {
      source: 'development',
      file: path.join(dir, 'data/master.key'),
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  test('parseMasterKeyList accepts commas and newlines alike', () => {
    const parsed = parseMasterKeyList(`a:${key()}\nb:${key()},c:${key()}`);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.ok && parsed.value.map((k) => k.id), ['a', 'b', 'c']);
  });
});

describe('resolveMasterKeys', () => {
  function developmentConfig(env: Record<string, string> = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-devkey-'));
    const result = loadConfig(env, dir);
    assert.ok(result.ok);
    return { dir, config: result.config, file: path.join(dir, 'data/master.key') };
  }

  test('generates a private development key once, with a loud warning that holds no key material', () => {
    const { config, file } = developmentConfig();
    const warnings: string[] = [];
    const first = resolveMasterKeys(config, { warn: (message) => warnings.push(message) });
    assert.ok(first.ok);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const material = readFileSync(file, 'utf8').match(/^dev:(\S+)$/m)?.[1];
    assert.ok(material && Buffer.from(material, 'base64').length === 32);
    assert.match(
      warnings[0]!,
      /WARNING: no master key is set[\s\S]*Back it up now, and apart from the database[\s\S]*In production set HAVEN_MASTER_KEYS/,
    );
    const sealed = createCipher({ keyring: createKeyring(first.keys) }).seal('x', 'c');

    const second = resolveMasterKeys(config, { warn: (message) => warnings.push(message) });
    assert.ok(second.ok);
    assert.equal(createCipher({ keyring: createKeyring(second.keys) }).open(sealed, 'c'), 'x', 'same key');
    assert.match(warnings[1]!, /development master key in .*master\.key/);
    for (const warning of warnings) assert.ok(!warning.includes(material));
  });

  test('is refused for an https public address, and writes nothing', () => {
    const { dir, config } = developmentConfig({ HAVEN_PUBLIC_URL: 'https://clinic.example.org' });
    const warnings: string[] = [];
    const result = resolveMasterKeys(config, { warn: (message) => warnings.push(message) });
    assert.equal(result.ok, false);
    assert.match(
      result.ok ? '' : result.error,
      /^No master key is set, and Haven generates a development key only for an http address, not for HAVEN_PUBLIC_URL=https:\/\/clinic\.example\.org\/; set HAVEN_MASTER_KEYS/,
    );
    assert.deepEqual(warnings, []);
    assert.equal(existsSync(path.join(dir, 'data')), false);
  });

  test('configured keys are used as they are, with nothing written', () => {
    const { dir } = developmentConfig();
    const result = loadConfig(
      { HAVEN_MASTER_KEYS: `prod:${key()}`, HAVEN_PUBLIC_URL: 'https://clinic.example.org' },
      dir,
    );
    assert.ok(result.ok);
    const keys = resolveMasterKeys(result.config, { warn: assert.fail });
    assert.ok(keys.ok && keys.keys[0]!.id === 'prod');
    assert.deepEqual(readdirSync(dir), []);
  });
});
