import { isIP } from 'node:net';
import { z } from 'zod';
import { refuse, refused, setting } from './setting.js';

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

export const SmtpUrl = setting(
  z.string().transform((raw, ctx): SmtpSettings => {
    const value = raw.trim();
    if (!URL.canParse(value)) return refuse(ctx, 'is not a valid SMTP address', SMTP_EXAMPLE);
    const url = new URL(value);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      return refuse(
        ctx,
        `must start with smtp:// (STARTTLS, usually port 587) or smtps:// (TLS, usually port 465), not "${url.protocol}//"`,
        SMTP_EXAMPLE,
      );
    }
    if (url.hostname === '') return refuse(ctx, 'must name the SMTP server', SMTP_EXAMPLE);
    if ((url.pathname !== '' && url.pathname !== '/') || url.search || url.hash) {
      return refuse(ctx, 'must not have a path, query or fragment after the server and port', SMTP_EXAMPLE);
    }
    if ((url.username === '') !== (url.password === '')) {
      return refuse(ctx, 'must give both a user name and a password, or neither', SMTP_EXAMPLE);
    }
    return smtpSettings(url);
  }),
  null,
);

function smtpSettings(url: URL): SmtpSettings {
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

/** For tests that build a transport from an address; throws on one HAVEN_SMTP_URL would refuse. */
export function parseSmtpUrl(raw: string | undefined): SmtpSettings | null {
  return SmtpUrl.parse(raw);
}

const FROM_EXAMPLE = '"Haven Clinic <no-reply@clinic.example.org>"';

/** `Name <address>` or a bare address; no line breaks (they would start new headers). Null: mailFromDefault(). */
export const MailFrom = setting(
  z
    .string()
    .refine(
      (raw) => !hasControlCharacter(raw.trim()),
      refused('must not contain line breaks or other control characters', FROM_EXAMPLE),
    )
    .refine(
      (raw) => {
        const match = /^(?:([^<>]*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(raw.trim());
        const address = match?.[2] ?? match?.[3];
        return address !== undefined && email.safeParse(address).success;
      },
      refused(
        (raw) => `must be an email address, or a name and an address in angle brackets, not "${raw}"`,
        FROM_EXAMPLE,
      ),
    )
    .transform((raw) => raw.trim()),
  null,
);

export function mailFromDefault(publicUrl: URL): string {
  return `Haven <no-reply@${publicUrl.hostname}>`;
}

/** One address, or several separated by commas, joined by ", "; null when unset (the caller's default). */
export function addressList(example: string) {
  return setting(
    z.string().transform((raw, ctx) => {
      const addresses = raw.split(',').map((part) => part.trim());
      const bad = addresses.find((address) => !email.safeParse(address).success);
      if (bad !== undefined) {
        return refuse(
          ctx,
          `must be an email address, or several separated by commas, and "${bad}" is not one`,
          example,
        );
      }
      return addresses.join(', ');
    }),
    null,
  );
}

export const NotifyEmail = addressList('frontdesk@clinic.example.org');
