import { createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Master keys wrap the data keys that encrypt health information (decision 011). The key material lives
 * only in node:crypto KeyObjects: they print as `SecretKeyObject { … }` and serialise to `{}`, so a config
 * or keyring that reaches a log line or an error message carries the key ids and nothing more.
 */
export interface MasterKey {
  readonly id: string;
  readonly key: KeyObject;
}

/** Where the master keys come from, as read from the environment by config.ts (which writes nothing). */
export type MasterKeySetting =
  | { source: 'HAVEN_MASTER_KEYS'; keys: readonly MasterKey[] }
  | { source: 'HAVEN_MASTER_KEY_FILE'; file: string; keys: readonly MasterKey[] }
  /** Neither variable is set: resolveMasterKeys() reads or generates a development key in this file. */
  | { source: 'development'; file: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export const KEY_BYTES = 32;
/** Letters, digits, `-` and `_`: no `.`, `:` or `,`, which the key list and sealed values use as separators. */
const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses `id:base64key,id2:base64key` (newlines separate keys too; `#` starts a comment line). The first key
 * is the active one. Problems name the entry by position and id, never by its key.
 */
export function parseMasterKeyList(text: string): Parsed<MasterKey[]> {
  const entries = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'));
  if (entries.length === 0) return { ok: false, problem: 'names no key' };
  const keys: MasterKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const position = `key ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) return { ok: false, problem: `has no key id in ${position} (expected id:base64key)` };
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      return {
        ok: false,
        problem: `has a key id in ${position} that is not 1 to 40 letters, digits, "-" or "_"`,
      };
    }
    if (keys.some((key) => key.id === id)) return { ok: false, problem: `names key id "${id}" twice` };
    const material = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (material.length !== KEY_BYTES) {
      return {
        ok: false,
        problem: `has a key "${id}" that is not ${KEY_BYTES} bytes in base64 (it decodes to ${material.length} bytes)`,
      };
    }
    keys.push({ id, key: createSecretKey(material) });
    material.fill(0);
  }
  return { ok: true, value: keys };
}

/**
 * Reads a key file, refusing one that its group or others may read: a master key readable by every
 * account on the machine is no secret.
 */
export function readMasterKeyFile(file: string): Parsed<MasterKey[]> {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { ok: false, problem: `points to "${file}", which is not a file` };
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8);
      return {
        ok: false,
        problem: `points to "${file}", which other accounts may read (mode ${mode}); make it private with chmod 600 "${file}"`,
      };
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, problem: `points to "${file}", which cannot be read` };
  }
  const parsed = parseMasterKeyList(text);
  return parsed.ok ? parsed : { ok: false, problem: `points to "${file}", which ${parsed.problem}` };
}

/** A setting's problem, for config.ts to turn into its one sentence. */
export interface MasterKeySettingProblem {
  ok: false;
  variable: 'HAVEN_MASTER_KEYS' | 'HAVEN_MASTER_KEY_FILE';
  problem: string;
  example: string;
}

export const DEVELOPMENT_KEY_FILE = 'data/master.key';

/** Reads HAVEN_MASTER_KEYS or HAVEN_MASTER_KEY_FILE (relative to `cwd`); writes nothing. */
export function readMasterKeySetting(
  raw: { list: string | undefined; file: string | undefined },
  cwd: string,
): { ok: true; setting: MasterKeySetting } | MasterKeySettingProblem {
  const list = raw.list?.trim() ?? '';
  const file = raw.file?.trim() ?? '';
  const listExample = 'k1:<32 random bytes in base64, the output of "openssl rand -base64 32">';
  const fileExample = '/etc/haven/master.keys';
  if (list !== '' && file !== '') {
    return {
      ok: false,
      variable: 'HAVEN_MASTER_KEY_FILE',
      problem: 'cannot be set together with HAVEN_MASTER_KEYS (set only one of them)',
      example: fileExample,
    };
  }
  if (list !== '') {
    const parsed = parseMasterKeyList(list);
    if (!parsed.ok)
      return { ok: false, variable: 'HAVEN_MASTER_KEYS', problem: parsed.problem, example: listExample };
    return { ok: true, setting: { source: 'HAVEN_MASTER_KEYS', keys: parsed.value } };
  }
  if (file !== '') {
    const resolved = path.resolve(cwd, file);
    const parsed = readMasterKeyFile(resolved);
    if (!parsed.ok) {
      return { ok: false, variable: 'HAVEN_MASTER_KEY_FILE', problem: parsed.problem, example: fileExample };
    }
    return { ok: true, setting: { source: 'HAVEN_MASTER_KEY_FILE', file: resolved, keys: parsed.value } };
  }
  return { ok: true, setting: { source: 'development', file: path.resolve(cwd, DEVELOPMENT_KEY_FILE) } };
}

export interface Keyring {
  /** The key that wraps new data keys: the first one listed. */
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
  get(id: string): KeyObject | undefined;
}

export function createKeyring(masterKeys: readonly MasterKey[]): Keyring {
  const active = masterKeys[0];
  if (!active) throw new Error('A keyring needs at least one master key.');
  const byId = new Map<string, KeyObject>();
  for (const { id, key } of masterKeys) {
    if (!KEY_ID.test(id))
      throw new Error(`Master key id "${id}" may hold only letters, digits, "-" and "_".`);
    if (byId.has(id)) throw new Error(`Master key id "${id}" is listed twice.`);
    if (key.type !== 'secret' || key.symmetricKeySize !== KEY_BYTES) {
      throw new Error(`Master key "${id}" must be a ${KEY_BYTES}-byte secret key.`);
    }
    byId.set(id, key);
  }
  return {
    activeKeyId: active.id,
    keyIds: [...byId.keys()],
    get: (id) => byId.get(id),
  };
}
