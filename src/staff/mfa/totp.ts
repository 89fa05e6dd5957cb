import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

/**
 * Time-based one-time codes (RFC 6238): SHA-1, 6 digits, 30-second steps, the settings every authenticator
 * app understands. A code is accepted one step early or late (clock drift), and only once: the caller
 * stores the step a code was accepted for and passes it back as `lastStep`.
 */

const PERIOD_SECONDS = 30;
const DIGITS = 6;

export interface TotpEnrolment {
  /** The shared key, base32, to show as text for manual entry and to seal for storage. */
  secret: string;
  /** The otpauth:// address an authenticator app reads from the QR code. */
  uri: string;
  /** The QR code as an SVG element (the CSP allows no data: images), drawn here on the server. */
  qrSvg: string;
}

function totp(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new 160-bit key (RFC 4226 recommends 160 bits), base32. */
export function newTotpSecret(): string {
  return new Secret({ buffer: randomBytes(20).buffer as ArrayBuffer }).base32;
}

/** A new key with its QR code. */
export function newTotpEnrolment(issuer: string, account: string): TotpEnrolment {
  return totpEnrolment(newTotpSecret(), issuer, account);
}

/** The QR code and text form of a key, for the page where it is enrolled. */
export function totpEnrolment(secret: string, issuer: string, account: string): TotpEnrolment {
  const uri = totp(secret, issuer, account).toString();
  const qrSvg = renderSVG(uri, { border: 2 })
    .replace('<svg ', '<svg role="img" aria-labelledby="totp-qr-title" ')
    .replace(/(<svg[^>]*>)/, '$1<title id="totp-qr-title">QR code for your authenticator app</title>');
  return { secret, uri, qrSvg };
}

export type TotpCheck =
  | { ok: true; step: number }
  | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

/** People type codes with spaces or dashes ("123 456"); only the digits count. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export function checkTotp(secret: string, code: string, nowMs: number, lastStep: number | null): TotpCheck {
  const digits = normalizeCode(code);
  if (!new RegExp(`^\\d{${DIGITS}}$`).test(digits)) return { ok: false, reason: 'malformed' };
  const delta = totp(secret, 'Haven', 'check').validate({ token: digits, timestamp: nowMs, window: 1 });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

/** The code an authenticator shows at `nowMs`: for tests and the browser test, never for the server's use. */
export function totpCodeAt(secret: string, nowMs: number): string {
  return totp(secret, 'Haven', 'code').generate({ timestamp: nowMs });
}

/**
 * Recovery codes: ten random codes of 24 characters from 31 (about 119 bits each, ASVS 6.5.2 asks for at
 * least 112 when the stored hash is a fast one), shown once in groups of four, stored as SHA-256 hashes.
 * Codes made before 2026-12-04 had 12 characters (about 59 bits); they keep working until the person makes
 * new ones, stored as argon2id of their SHA-256 (legacy-recovery-codes.ts), and their normal form is unchanged
 * so those hashes still match.
 */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_LENGTH = 24;

const groupsOfFour = (compact: string) => compact.match(/.{1,4}/g)!.join('-');

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () =>
    groupsOfFour(
      Array.from(
        { length: RECOVERY_CODE_LENGTH },
        () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
      ).join(''),
    ),
  );
}

export function normalizeRecoveryCode(code: string): string {
  const compact = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return compact.length === 12 || compact.length === RECOVERY_CODE_LENGTH ? groupsOfFour(compact) : compact;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
