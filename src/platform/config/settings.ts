import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig, TrustProxy as TrustProxyValue } from './config.js';
import { refuse, refused, setting } from './setting.js';

/**
 * One zod schema per environment variable: each turns the raw text into the value, or refuses it with what
 * was wrong and an example of a good value. loadConfig() (config.ts) puts them together in one object schema.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const Port = setting(
  z
    .string()
    .refine(
      (raw) => /^\d+$/.test(raw.trim()) && Number(raw) <= 65535,
      refused((raw) => `must be a whole number from 0 to 65535 (0 picks a free port), not "${raw}"`, '3000'),
    )
    .transform(Number),
  3000,
);

const HOST_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const Host = setting(
  z
    .string()
    .refine(
      (raw) => isIP(raw.trim()) !== 0 || HOST_NAME.test(raw.trim()),
      refused((raw) => `must be an IP address or host name to listen on, not "${raw}"`, '127.0.0.1'),
    )
    .transform((raw) => raw.trim()),
  'localhost',
);

const POSTGRES_EXAMPLE = 'postgres://haven@127.0.0.1:5432/haven';

/** `cwd` anchors a relative SQLite file. */
export function databaseUrl(cwd: string) {
  const fallback: DatabaseConfig = {
    engine: 'sqlite',
    file: path.resolve(cwd, './data/haven.db'),
    url: 'sqlite:./data/haven.db',
  };
  return setting(
    z.string().transform((raw, ctx): DatabaseConfig => {
      const value = raw.trim();
      if (value.startsWith('sqlite:')) {
        // sqlite:./data/haven.db and sqlite:/abs/path.db; sqlite:// before either is tolerated.
        const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)|^\/\/(?!\/)/, '');
        if (file === '' || file.endsWith('/')) {
          return refuse(
            ctx,
            `must name a database file after "sqlite:", not "${raw}"`,
            'sqlite:./data/haven.db',
          );
        }
        return { engine: 'sqlite', file: path.resolve(cwd, file), url: value };
      }
      if (/^postgres(ql)?:\/\//.test(value)) {
        if (!URL.canParse(value)) return refuse(ctx, 'is not a valid PostgreSQL address', POSTGRES_EXAMPLE);
        const url = new URL(value);
        if (url.hostname === '' && !url.searchParams.has('host')) {
          return refuse(ctx, 'must name the PostgreSQL host', POSTGRES_EXAMPLE);
        }
        if (url.pathname.length <= 1) {
          return refuse(ctx, 'must name the database after the host', POSTGRES_EXAMPLE);
        }
        return { engine: 'postgres', connectionString: value, url: redactPassword(url) };
      }
      return refuse(
        ctx,
        `must start with "sqlite:" or "postgres://", not "${raw.split(':')[0]}:…"`,
        'sqlite:./data/haven.db',
      );
    }),
    fallback,
  );
}

/** The address for messages and logs, with any password hidden. */
function redactPassword(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

const PUBLIC_URL_EXAMPLE = 'https://clinic.example.org';

/** Null when unset: publicUrlDefault() then builds it from HOST and PORT. */
export const PublicUrl = setting(
  z.string().transform((raw, ctx) => {
    if (!URL.canParse(raw.trim())) {
      return refuse(ctx, `must be a full web address, not "${raw}"`, PUBLIC_URL_EXAMPLE);
    }
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return refuse(ctx, `must start with https:// or http://, not "${url.protocol}"`, PUBLIC_URL_EXAMPLE);
    }
    if (url.search || url.hash || url.username || url.password) {
      return refuse(ctx, 'must not carry a user name, query or fragment', PUBLIC_URL_EXAMPLE);
    }
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  }),
  null,
);

export function publicUrlDefault(port: number, host: string): URL {
  const shownHost =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return new URL(`http://${shownHost}:${port === 0 ? 3000 : port}/`);
}

const TRUST_PROXY_EXAMPLE = '127.0.0.1';

function isAddressOrRange(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export const TrustProxy = setting(
  z.string().transform((raw, ctx): TrustProxyValue => {
    const value = raw.trim();
    if (value === 'false') return false;
    if (value === 'true') {
      return refuse(
        ctx,
        'must name the proxies to trust (trusting every sender would let any visitor fake their address), not "true"',
        TRUST_PROXY_EXAMPLE,
      );
    }
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !isAddressOrRange(entry));
    if (bad !== undefined) {
      return refuse(
        ctx,
        `must be a comma-separated list of proxy addresses or ranges ("loopback" for a proxy on this machine) or a hop count, and "${bad}" is none of these`,
        TRUST_PROXY_EXAMPLE,
      );
    }
    return entries;
  }),
  false as TrustProxyValue,
);

export const RateLimit = setting(
  z
    .string()
    .refine(
      (raw) => /^\d+$/.test(raw.trim()) && Number(raw) >= 10 && Number.isSafeInteger(Number(raw)),
      refused((raw) => `must be a whole number of requests a minute, at least 10, not "${raw}"`, '600'),
    )
    .transform(Number),
  600,
);

export const LogLevel = setting(
  z
    .string()
    .refine(
      (raw) => (LOG_LEVELS as readonly string[]).includes(raw.trim().toLowerCase()),
      refused((raw) => `must be one of ${LOG_LEVELS.join(', ')}, not "${raw}"`, 'info'),
    )
    .transform((raw) => raw.trim().toLowerCase())
    .pipe(z.enum(LOG_LEVELS)),
  'info' as const,
);

/** "365d", "52w", "12m" (30-day months) or "2y" (365-day years) as days; null when it is none of these. */
export function parseAge(raw: string): number | null {
  const match = /^(\d{1,5})([dwmy])$/.exec(raw.trim());
  if (!match) return null;
  const days = Number(match[1]) * { d: 1, w: 7, m: 30, y: 365 }[match[2] as 'd' | 'w' | 'm' | 'y'];
  return days >= 1 ? days : null;
}

/**
 * HAVEN_REQUEST_RETENTION: how long closed appointment requests are kept before Haven deletes them on its
 * own. Unset or "off" keeps them until the operator runs `requests purge`: deleting a clinic's records is
 * the clinic's decision. Under 30 days is refused as a likely slip ("1d" would empty the closed pile daily).
 */
export const RequestRetention = setting(
  z.string().transform((raw, ctx): number | null => {
    if (raw.trim().toLowerCase() === 'off') return null;
    const days = parseAge(raw);
    if (days === null || days < 30) {
      return refuse(
        ctx,
        `must be "off" or an age of at least 30 days such as 365d, 52w, 12m or 2y, not "${raw}"`,
        '365d',
      );
    }
    return days;
  }),
  null,
);
