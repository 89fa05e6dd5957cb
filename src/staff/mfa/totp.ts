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

/** A new 160-bit key (RFC 4226 recommends 160 bits) with its QR code. */
export function newTotpEnrolment(issuer: string, account: string): TotpEnrolment {
  return totpEnrolment(new Secret({ buffer: randomBytes(20).buffer as ArrayBuffer }).base32, issuer, account);
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

/** Recovery codes: ten random codes of about 59 bits each (12 of 31 characters), shown once, stored as SHA-256 hashes. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: 12 },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  const compact = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return compact.length === 12
    ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`
    : compact;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
