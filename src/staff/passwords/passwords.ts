import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords (decision 013): argon2id at OWASP's minimum cost or above, 12 to 128 characters, checked
 * against a bundled list of common passwords and the words of this installation, never truncated, no
 * composition rules, no forced rotation.
 */

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON_FILE = new URL('./common-passwords.txt', import.meta.url);
let common: Set<string> | undefined;

/** The bundled list (see README.md beside it), read on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
  return common;
}

/**
 * Unicode passwords are compared in one form (NFKC), so the same password typed on two keyboards matches.
 * Length counts characters (code points), not bytes.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contextual';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN} characters. A few unrelated words make a long password that is easy to remember.`,
  too_long: `Use at most ${PASSWORD_MAX} characters.`,
  common: 'This password is on a list of passwords that attackers try first. Choose a different one.',
  contextual: 'Do not use your email address, your name or the clinic’s name in your password.',
};

/**
 * Checks a new password. `context` holds words an attacker would try for this account (email, name,
 * clinic name); a password built around one of them is refused.
 */
export function checkNewPassword(password: string, context: readonly string[]): PasswordProblem | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const lower = normalized.toLowerCase();
  const list = commonPasswords();
  // "Password2024!" is "password" with decoration: strip trailing digits and punctuation before looking.
  const base = lower.replace(/[\d\W_]+$/u, '');
  if (list.has(lower) || (base.length >= 8 && list.has(base))) return 'common';
  // Take out every word an attacker would try for this account; too little left means it is built on them.
  const words = context
    .flatMap((phrase) => phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((part) => part.length >= 4)
    .sort((a, b) => b.length - a.length);
  const compact = lower.replace(/[^\p{L}\p{N}]+/gu, '');
  const rest = words.reduce((left, part) => left.split(part).join(''), compact).replace(/\p{N}+/gu, '');
  if (words.some((part) => compact.includes(part)) && [...rest].length < 8) return 'contextual';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalizePassword(password));
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the account does not exist, so a wrong email takes as long as a wrong
 * password and timing tells an attacker nothing.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('decoy password that matches nothing', ARGON2);
  return decoy;
}
