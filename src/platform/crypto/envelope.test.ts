import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { inspect } from 'node:util';
import { createCipher, DecryptionError } from './envelope.js';
import { createKeyring, type MasterKey } from './master-keys.js';

function masterKey(id: string): MasterKey & { base64: string } {
  const material = randomBytes(32);
  return { id, key: createSecretKey(material), base64: material.toString('base64') };
}

const context = 'staff_users.totp_secret:0192f5e0-0000-7000-8000-000000000001';

describe('envelope encryption', () => {
  const k1 = masterKey('k1');
  const cipher = createCipher({ keyring: createKeyring([k1]) });

  test('a sealed value opens to the same text, and is versioned text naming its key', () => {
    for (const plaintext of ['JBSWY3DPEHPK3PXP', '', 'ünïcødé 🧠 and a long tail '.repeat(50)]) {
      const sealed = cipher.seal(plaintext, context);
      assert.match(sealed, /^v1\.k1\.[A-Za-z0-9_-]{80}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      assert.equal(cipher.open(sealed, context), plaintext);
      assert.equal(cipher.keyIdOf(sealed), 'k1');
    }
  });

  test('each value gets its own data key and iv: the same text never seals the same way twice', () => {
    const a = cipher.seal('same', context).split('.');
    const b = cipher.seal('same', context).split('.');
    for (const part of [2, 3, 4]) assert.notEqual(a[part], b[part]);
  });

  test('flipping any byte of the wrapped key, iv or ciphertext makes it fail, naming the key id', () => {
    const sealed = cipher.seal('a secret', context);
    const parts = sealed.split('.');
    for (const part of [2, 3, 4]) {
      const bytes = Buffer.from(parts[part]!, 'base64url');
      for (const index of [0, bytes.length >> 1, bytes.length - 1]) {
        const altered = Buffer.from(bytes);
        altered[index] = altered[index]! ^ 0x01;
        const copy = [...parts];
        copy[part] = altered.toString('base64url');
        assert.throws(
          () => cipher.open(copy.join('.'), context),
          (error: unknown) =>
            error instanceof DecryptionError && error.keyId === 'k1' && /"k1"/.test(error.message),
        );
      }
    }
  });

  test('a value copied into another row or column does not open there', () => {
    const sealed = cipher.seal('a secret', context);
    for (const elsewhere of [
      'staff_users.totp_secret:0192f5e0-0000-7000-8000-000000000002',
      'staff_users.recovery:0192f5e0-0000-7000-8000-000000000001',
      '',
    ]) {
      assert.throws(() => cipher.open(sealed, elsewhere), /another field or record/);
    }
  });

  test('a value sealed under a key the keyring lacks fails with a message naming that key', () => {
    const other = createCipher({ keyring: createKeyring([masterKey('retired-2025')]) });
    const sealed = other.seal('x', context);
    assert.throws(
      () => cipher.open(sealed, context),
      (error: unknown) =>
        error instanceof DecryptionError &&
        error.keyId === 'retired-2025' &&
        /master key "retired-2025", which is not among the configured keys \(k1\)/.test(error.message),
    );
    // The same id with different key material: the wrapped key's integrity check names it too.
    const impostor = createCipher({ keyring: createKeyring([masterKey('k1')]) });
    assert.throws(() => impostor.open(cipher.seal('x', context), context), /master key "k1" fails/);
  });

  test('text that is not a sealed value is refused plainly', () => {
    for (const bad of ['', 'plain text', 'v2.k1.a.b.c', 'v1.k1.!!.b.c', 'v1..a.b.c']) {
      assert.throws(() => cipher.open(bad, context), DecryptionError);
    }
  });

  test('with two master keys the first seals, and values under the second (older) still open', () => {
    const old = masterKey('k0');
    const before = createCipher({ keyring: createKeyring([old]) }).seal('old record', context);
    const both = createCipher({ keyring: createKeyring([k1, old]) });
    assert.equal(both.activeKeyId, 'k1');
    assert.equal(both.keyIdOf(both.seal('new', context)), 'k1');
    assert.equal(both.open(before, context), 'old record');
  });

  test('rewrap moves the data key to the active master key and keeps the ciphertext', () => {
    const old = masterKey('k0');
    const sealed = createCipher({ keyring: createKeyring([old]) }).seal('kept', context);
    const both = createCipher({ keyring: createKeyring([k1, old]) });
    const rewrapped = both.rewrap(sealed);
    assert.ok(rewrapped);
    assert.equal(both.keyIdOf(rewrapped), 'k1');
    assert.deepEqual(rewrapped.split('.').slice(3), sealed.split('.').slice(3), 'iv and ciphertext kept');
    assert.equal(both.rewrap(rewrapped), null, 'already under the active key');
    const withoutOld = createCipher({ keyring: createKeyring([k1]) });
    assert.equal(withoutOld.open(rewrapped, context), 'kept');
    assert.throws(() => withoutOld.open(sealed, context), /"k0"/);
  });

  test('keys never show in what could be logged: inspect, JSON, errors', () => {
    const keyring = createKeyring([k1]);
    const shown = [inspect(keyring, { depth: 5 }), JSON.stringify([k1.id, k1.key]), inspect(k1.key)].join();
    assert.ok(!shown.includes(k1.base64));
    assert.ok(!shown.includes(Buffer.from(k1.base64, 'base64').toString('hex')));
    assert.throws(
      () => createKeyring([k1, { id: 'k1', key: k1.key }]),
      (error: Error) => !error.message.includes(k1.base64),
    );
  });
});
