import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig, LogLevel, TrustProxy } from './config.js';
import { SettingError } from './setting-error.js';

/**
 * One parser per environment variable: each returns the value, or throws a SettingError whose message names
 * the variable, what was wrong and an example of a good value. loadConfig() (config.ts) calls them in turn.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port > 65535) {
    throw new SettingError(
      'PORT',
      `must be a whole number from 0 to 65535 (0 picks a free port), not "${raw}"`,
      '3000',
    );
  }
  return port;
}

export function parseHost(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return 'localhost';
  const host = raw.trim();
  const hostname =
    /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  if (isIP(host) === 0 && !hostname.test(host)) {
    throw new SettingError(
      'HOST',
      `must be an IP address or host name to listen on, not "${raw}"`,
      '127.0.0.1',
    );
  }
  return host;
}

export function parseDatabaseUrl(raw: string | undefined, cwd: string): DatabaseConfig {
  const value = raw === undefined || raw.trim() === '' ? 'sqlite:./data/haven.db' : raw.trim();
  if (value.startsWith('sqlite:')) {
    // sqlite:./data/haven.db and sqlite:/abs/path.db; sqlite:// before either is tolerated.
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)|^\/\/(?!\/)/, '');
    if (file === '' || file.endsWith('/')) {
      throw new SettingError(
        'DATABASE_URL',
        `must name a database file after "sqlite:", not "${raw}"`,
        'sqlite:./data/haven.db',
      );
    }
    return { engine: 'sqlite', file: path.resolve(cwd, file), url: value };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new SettingError(
        'DATABASE_URL',
        'is not a valid PostgreSQL address',
        'postgres://haven@127.0.0.1:5432/haven',
      );
    }
    if (url.hostname === '' && !url.searchParams.has('host')) {
      throw new SettingError(
        'DATABASE_URL',
        'must name the PostgreSQL host',
        'postgres://haven@127.0.0.1:5432/haven',
      );
    }
    if (url.pathname.length <= 1) {
      throw new SettingError(
        'DATABASE_URL',
        'must name the database after the host',
        'postgres://haven@127.0.0.1:5432/haven',
      );
    }
    return { engine: 'postgres', connectionString: value, url: redactPassword(url) };
  }
  throw new SettingError(
    'DATABASE_URL',
    `must start with "sqlite:" or "postgres://", not "${raw?.split(':')[0]}:…"`,
    'sqlite:./data/haven.db',
  );
}

/** The address for messages and logs, with any password hidden. */
function redactPassword(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

export function parsePublicUrl(raw: string | undefined, port: number, host: string): URL {
  if (raw === undefined || raw.trim() === '') {
    const shownHost =
      host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    return new URL(`http://${shownHost}:${port === 0 ? 3000 : port}/`);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SettingError(
      'HAVEN_PUBLIC_URL',
      `must be a full web address, not "${raw}"`,
      'https://clinic.example.org',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingError(
      'HAVEN_PUBLIC_URL',
      `must start with https:// or http://, not "${url.protocol}"`,
      'https://clinic.example.org',
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new SettingError(
      'HAVEN_PUBLIC_URL',
      'must not carry a user name, query or fragment',
      'https://clinic.example.org',
    );
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
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

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'false') return false;
  const value = raw.trim();
  if (value === 'true') {
    throw new SettingError(
      'HAVEN_TRUST_PROXY',
      'must name the proxies to trust (trusting every sender would let any visitor fake their address), not "true"',
      TRUST_PROXY_EXAMPLE,
    );
  }
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new SettingError(
      'HAVEN_TRUST_PROXY',
      `must be a comma-separated list of proxy addresses or ranges ("loopback" for a proxy on this machine) or a hop count, and "${bad}" is none of these`,
      TRUST_PROXY_EXAMPLE,
    );
  }
  return entries;
}

export function parseRateLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 600;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 10 || !Number.isSafeInteger(Number(value))) {
    throw new SettingError(
      'HAVEN_RATE_LIMIT_PER_MINUTE',
      `must be a whole number of requests a minute, at least 10, not "${raw}"`,
      '600',
    );
  }
  return Number(value);
}

export function parseWholeNumber(
  variable: string,
  raw: string | undefined,
  fallback: number,
  range: { min: number; max: number; unit: string },
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || value < range.min || value > range.max) {
    throw new SettingError(
      variable,
      `must be a whole number of ${range.unit} from ${range.min} to ${range.max}, not "${raw}"`,
      String(fallback),
    );
  }
  return value;
}

export function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw.trim() === '') return 'info';
  const level = raw.trim().toLowerCase();
  const known = z.enum(LOG_LEVELS).safeParse(level);
  if (!known.success) {
    throw new SettingError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, not "${raw}"`, 'info');
  }
  return known.data;
}

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
export function parseRequestRetention(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '' || raw.trim().toLowerCase() === 'off') return null;
  const days = parseAge(raw);
  if (days === null || days < 30) {
    throw new SettingError(
      'HAVEN_REQUEST_RETENTION',
      `must be "off" or an age of at least 30 days such as 365d, 52w, 12m or 2y, not "${raw}"`,
      '365d',
    );
  }
  return days;
}
