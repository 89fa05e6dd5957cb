import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';
import type { Keyring } from './master-keys.js';

/**
 * Envelope encryption of health information at rest (decision 011). Each value gets a fresh 256-bit data
 * key; the value is encrypted with AES-256-GCM under that key, bound by additional authenticated data to
 * the place it lives (the caller's context, such as `staff_users.totp_secret:<id>`), and the data key is
 * itself encrypted with AES-256-GCM under a master key that has an id. Rotating master keys re-wraps only
 * the small data key; the value's ciphertext is never touched.
 *
 * A sealed value is one line of text, the same on both engines:
 *   v1.<keyId>.<wrapped data key>.<iv>.<ciphertext and tag>      (the last three base64url)
 * where the wrapped data key is its own iv (12 bytes), the encrypted key (32) and its tag (16).
 */
export interface Cipher {
  /** The master key that wraps the data keys of new values. */
  readonly activeKeyId: string;
  seal(plaintext: string, context: string): string;
  /** Throws DecryptionError when the key is missing, the value was altered or the context is not its own. */
  open(sealed: string, context: string): string;
  /** The same value with its data key wrapped by the active master key; null if it already is. */
  rewrap(sealed: string): string | null;
  /** The master key id a sealed value was wrapped with, read without decrypting anything. */
  keyIdOf(sealed: string): string;
}

/** Why a value cannot be read. The message names the key id; it never carries key material or plaintext. */
export class DecryptionError extends Error {
  constructor(
    message: string,
    readonly keyId: string | undefined,
  ) {
    super(message);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const WRAPPED_BYTES = IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

interface SealedParts {
  keyId: string;
  wrapped: Buffer;
  iv: Buffer;
  body: Buffer;
  /** Everything after the key id, which re-wrapping keeps as it is apart from the wrapped key. */
  ivText: string;
  bodyText: string;
}

function parse(sealed: string): SealedParts {
  const parts = sealed.split('.');
  const [version, keyId, wrappedText, ivText, bodyText] = parts;
  if (parts.length !== 5 || version !== VERSION) {
    throw new DecryptionError(
      `Not a value sealed by Haven (expected ${VERSION}.<keyId>.<wrappedKey>.<iv>.<ciphertext>).`,
      undefined,
    );
  }
  const decode = (text: string | undefined) =>
    text !== undefined && BASE64URL.test(text) ? Buffer.from(text, 'base64url') : Buffer.alloc(0);
  const wrapped = decode(wrappedText);
  const iv = decode(ivText);
  const body = decode(bodyText);
  if (!keyId || wrapped.length !== WRAPPED_BYTES || iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new DecryptionError(
      `A value sealed under master key "${keyId}" is damaged: a part has the wrong length.`,
      keyId || undefined,
    );
  }
  return { keyId, wrapped, iv, body, ivText: ivText!, bodyText: bodyText! };
}

function encrypt(key: KeyObject | Buffer, iv: Buffer, aad: string, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** Throws whatever node:crypto throws when the tag does not match; callers turn it into a DecryptionError. */
function decrypt(key: KeyObject | Buffer, iv: Buffer, aad: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
}

/** The data key's AAD names the master key, so a wrapped key cannot be passed off as another key's. */
const wrapAad = (keyId: string) => `haven:${VERSION}:data-key:${keyId}`;
const valueAad = (context: string) => `haven:${VERSION}:value:${context}`;

export function createCipher(deps: { keyring: Keyring }): Cipher {
  const { keyring } = deps;

  function masterKey(keyId: string): KeyObject {
    const key = keyring.get(keyId);
    if (!key) {
      throw new DecryptionError(
        `Cannot decrypt: the value was sealed under master key "${keyId}", which is not among the configured keys (${keyring.keyIds.join(', ')}). Add it back to HAVEN_MASTER_KEYS to read it.`,
        keyId,
      );
    }
    return key;
  }

  function wrap(dataKey: Buffer): { keyId: string; wrapped: Buffer } {
    const keyId = keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    return { keyId, wrapped: Buffer.concat([iv, encrypt(masterKey(keyId), iv, wrapAad(keyId), dataKey)]) };
  }

  function unwrap(parts: SealedParts): Buffer {
    const key = masterKey(parts.keyId);
    try {
      return decrypt(
        key,
        parts.wrapped.subarray(0, IV_BYTES),
        wrapAad(parts.keyId),
        parts.wrapped.subarray(IV_BYTES),
      );
    } catch {
      throw new DecryptionError(
        `Cannot decrypt: the data key wrapped by master key "${parts.keyId}" fails its integrity check (it was altered, or the configured key "${parts.keyId}" is not the one that wrapped it).`,
        parts.keyId,
      );
    }
  }

  const format = (keyId: string, wrapped: Buffer, ivText: string, bodyText: string) =>
    `${VERSION}.${keyId}.${wrapped.toString('base64url')}.${ivText}.${bodyText}`;

  return {
    get activeKeyId() {
      return keyring.activeKeyId;
    },

    seal(plaintext, context) {
      const dataKey = randomBytes(DATA_KEY_BYTES);
      try {
        const iv = randomBytes(IV_BYTES);
        const body = encrypt(dataKey, iv, valueAad(context), Buffer.from(plaintext, 'utf8'));
        const { keyId, wrapped } = wrap(dataKey);
        return format(keyId, wrapped, iv.toString('base64url'), body.toString('base64url'));
      } finally {
        dataKey.fill(0);
      }
    },

    open(sealed, context) {
      const parts = parse(sealed);
      const dataKey = unwrap(parts);
      try {
        return decrypt(dataKey, parts.iv, valueAad(context), parts.body).toString('utf8');
      } catch {
        throw new DecryptionError(
          `Cannot decrypt a value sealed under master key "${parts.keyId}": it was altered, or it belongs to another field or record than the one it was read from.`,
          parts.keyId,
        );
      } finally {
        dataKey.fill(0);
      }
    },

    rewrap(sealed) {
      const parts = parse(sealed);
      if (parts.keyId === keyring.activeKeyId) return null;
      const dataKey = unwrap(parts);
      try {
        const { keyId, wrapped } = wrap(dataKey);
        return format(keyId, wrapped, parts.ivText, parts.bodyText);
      } finally {
        dataKey.fill(0);
      }
    },

    keyIdOf(sealed) {
      return parse(sealed).keyId;
    },
  };
}
