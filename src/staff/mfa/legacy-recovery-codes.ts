import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Recovery codes made before 2026-12-04 (12 characters, about 59 bits) are stored wrapped: argon2id of
 * their old SHA-256 hex (migration 2026-12-04-013, ASVS 6.5.2, decision 013). A code of that shape is
 * verified against the person's unused wrapped rows, always exactly LEGACY_SLOTS times (padded with a hash
 * that matches nothing), so a decoy challenge, a person with no old codes and one with ten do the same work.
 */

/** The most codes a person ever had at once. */
export const LEGACY_SLOTS = 10;
export const WRAPPED_PREFIX = '$argon2id$';
const LEGACY_LENGTH = 12;

/** The migration's cost, so padding costs what a real row does. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** True for a normalised code of the old 12-character shape. */
export function isLegacyRecoveryCode(normalized: string): boolean {
  return normalized.replace(/-/g, '').length === LEGACY_LENGTH;
}

/** Whether `stored` (a wrapped row) is argon2id of `digest` (the SHA-256 hex of the typed code). */
export async function verifyWrappedRecoveryCode(stored: string, digest: string): Promise<boolean> {
  try {
    return await verify(stored, digest);
  } catch {
    return false;
  }
}

let padding: Promise<string> | undefined;
/** A wrapped hash of random bytes, made once per process: verifying against it never succeeds. */
export function paddingHash(): Promise<string> {
  padding ??= hash(randomBytes(32).toString('hex'), ARGON2);
  return padding;
}
