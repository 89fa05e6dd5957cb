import { isIP } from 'node:net';
import { z } from 'zod';
import { SettingError } from './setting-error.js';

/**
 * Outgoing mail settings (decision 014): where the SMTP server is, who mail comes from and where staff
 * notifications go. The SMTP password is kept off every printed form of the config: it is a
 * non-enumerable property, so JSON, pino and util.inspect leave it out, and `url` shows it as ***.
 */

export interface SmtpSettings {
  host: string;
  port: number;
  /**
   * `implicit`: TLS from the first byte (smtps://). `starttls`: plain connect, then STARTTLS, which must
   * succeed (smtp:// to another machine). `none`: no TLS, only for a relay on this machine (loopback).
   */
  tls: 'implicit' | 'starttls' | 'none';
  user: string | null;
  /** Non-enumerable: present for the transport, absent from anything that prints the config. */
  readonly password: string | null;
  /** The address with the password shown as ***, for messages and logs. */
  url: string;
}

export interface MailConfig {
  /** Null when HAVEN_SMTP_URL is unset: messages wait in the outbox until mail is configured. */
  smtp: SmtpSettings | null;
  /** The From header: `Name <address>` or a bare address. */
  from: string;
  /** Where staff notifications go: one address, or several separated by ", ". */
  notifyEmail: string;
}

const SMTP_EXAMPLE = 'smtp://haven:secret@smtp.example.org:587';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const email = z.email();
/** Any control character (a line break would start a new header). */
const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

export function parseSmtpUrl(raw: string | undefined): SmtpSettings | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError('HAVEN_SMTP_URL', 'is not a valid SMTP address', SMTP_EXAMPLE);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new SettingError(
      'HAVEN_SMTP_URL',
      `must start with smtp:// (STARTTLS, usually port 587) or smtps:// (TLS, usually port 465), not "${url.protocol}//"`,
      SMTP_EXAMPLE,
    );
  }
  if (url.hostname === '') {
    throw new SettingError('HAVEN_SMTP_URL', 'must name the SMTP server', SMTP_EXAMPLE);
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
    throw new SettingError(
      'HAVEN_SMTP_URL',
      'must not have a path, query or fragment after the server and port',
      SMTP_EXAMPLE,
    );
  }
  if ((url.username === '') !== (url.password === '')) {
    throw new SettingError(
      'HAVEN_SMTP_URL',
      'must give both a user name and a password, or neither',
      SMTP_EXAMPLE,
    );
  }
  const secure = url.protocol === 'smtps:';
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  const settings = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    tls: secure ? 'implicit' : isLoopback(url.hostname) ? 'none' : 'starttls',
    user: url.username === '' ? null : decodeURIComponent(url.username),
    url: shown.href.replace(/\/$/, ''),
  } as const;
  return Object.defineProperty({ ...settings }, 'password', {
    value: url.password === '' ? null : decodeURIComponent(url.password),
    enumerable: false,
  }) as SmtpSettings;
}

/** `Name <address>` or a bare address; no line breaks (they would start new headers). */
export function parseMailFrom(raw: string | undefined, publicUrl: URL): string {
  if (raw === undefined || raw.trim() === '') return `Haven <no-reply@${publicUrl.hostname}>`;
  const value = raw.trim();
  const match = /^(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(value);
  const address = match?.[2] ?? match?.[3];
  if (hasControlCharacter(value)) {
    throw new SettingError(
      'HAVEN_MAIL_FROM',
      'must not contain line breaks or other control characters',
      '"Haven Clinic <no-reply@clinic.example.org>"',
    );
  }
  if (!address || !email.safeParse(address).success) {
    throw new SettingError(
      'HAVEN_MAIL_FROM',
      `must be an email address, or a name and an address in angle brackets, not "${raw}"`,
      '"Haven Clinic <no-reply@clinic.example.org>"',
    );
  }
  return value;
}

/** One address, or several separated by commas; `fallback` when unset. */
export function parseAddressList(
  variable: string,
  raw: string | undefined,
  fallback: string,
  example: string,
): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  const addresses = raw.split(',').map((part) => part.trim());
  const bad = addresses.find((address) => !email.safeParse(address).success);
  if (bad !== undefined) {
    throw new SettingError(
      variable,
      `must be an email address, or several separated by commas, and "${bad}" is not one`,
      example,
    );
  }
  return addresses.join(', ');
}

export function parseNotifyEmail(raw: string | undefined, clinicEmail: string): string {
  return parseAddressList('HAVEN_NOTIFY_EMAIL', raw, clinicEmail, 'frontdesk@clinic.example.org');
}

export function parseMailSettings(
  env: Record<string, string | undefined>,
  context: { publicUrl: URL; clinicEmail: string },
): MailConfig {
  return {
    smtp: parseSmtpUrl(env.HAVEN_SMTP_URL),
    from: parseMailFrom(env.HAVEN_MAIL_FROM, context.publicUrl),
    notifyEmail: parseNotifyEmail(env.HAVEN_NOTIFY_EMAIL, context.clinicEmail),
  };
}
