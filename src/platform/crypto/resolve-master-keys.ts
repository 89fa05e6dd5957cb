import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { KEY_BYTES, type MasterKey, readMasterKeyFile } from './master-keys.js';

export type MasterKeysResult = { ok: true; keys: readonly MasterKey[] } | { ok: false; error: string };

const DEVELOPMENT_KEY_ID = 'dev';

/**
 * The master keys for `serve` and the CLI commands that read or write encrypted values. Configured keys are
 * returned as they are. With none configured, a development key is read from data/master.key, or generated
 * there on first use with a loud warning; that fallback is refused for an https address, where Haven is
 * plainly not a developer's machine. Config parsing stays free of writes; this is the one place that writes.
 * Key material never reaches `warn` or an error message.
 */
export function resolveMasterKeys(
  config: Pick<Config, 'masterKeys' | 'publicUrl'>,
  deps: { warn: (message: string) => void },
): MasterKeysResult {
  const setting = config.masterKeys;
  if (setting.source !== 'development') return { ok: true, keys: setting.keys };
  const file = setting.file;
  if (config.publicUrl.protocol === 'https:') {
    return {
      ok: false,
      error: `No master key is set, and Haven generates a development key only for an http address, not for HAVEN_PUBLIC_URL=${config.publicUrl.href}; set HAVEN_MASTER_KEYS (or HAVEN_MASTER_KEY_FILE), for example HAVEN_MASTER_KEYS=k1:<the output of "openssl rand -base64 32">.`,
    };
  }
  if (!existsSync(file)) {
    try {
      generateDevelopmentKey(file);
      deps.warn(generatedWarning(file));
    } catch (error) {
      // Another process may have created it a moment ago ('wx' refuses to overwrite); read theirs below.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        return {
          ok: false,
          error: `No master key is set, and Haven could not write a development key to "${file}" (${(error as Error).message}); set HAVEN_MASTER_KEYS or make the folder writable.`,
        };
      }
    }
  } else {
    deps.warn(
      `WARNING: Haven is encrypting health information with the development master key in ${file}. Back that file up apart from the database, and set HAVEN_MASTER_KEYS in production (docs/configuration.md).`,
    );
  }
  const read = readMasterKeyFile(file);
  if (!read.ok) {
    return {
      ok: false,
      error: `No master key is set, and the development key file ${read.problem}; set HAVEN_MASTER_KEYS, or fix or remove that file (only if nothing was encrypted with it yet).`,
    };
  }
  return { ok: true, keys: read.value };
}

function generateDevelopmentKey(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const material = randomBytes(KEY_BYTES);
  try {
    writeFileSync(
      file,
      `# Haven's development master key. Back it up apart from the database.\n${DEVELOPMENT_KEY_ID}:${material.toString('base64')}\n`,
      { mode: 0o600, flag: 'wx' },
    );
  } finally {
    material.fill(0);
  }
}

function generatedWarning(file: string): string {
  const rule = '!'.repeat(100);
  return [
    rule,
    'WARNING: no master key is set (HAVEN_MASTER_KEYS), so Haven generated a development key in',
    `  ${file}`,
    'Health information Haven stores is encrypted with it: if that file is lost, so is the information.',
    'Back it up now, and apart from the database (a key kept beside the data protects nothing).',
    'In production set HAVEN_MASTER_KEYS (or HAVEN_MASTER_KEY_FILE) instead: see docs/configuration.md.',
    rule,
  ].join('\n');
}
