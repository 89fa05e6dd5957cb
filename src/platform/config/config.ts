import path from 'node:path';
import { type MasterKeySetting, readMasterKeySetting } from '../crypto/master-keys.js';
import { type ClinicProfile, loadClinicProfile } from './clinic.js';
import { type MailConfig, parseMailSettings } from './mail-settings.js';
import { parseSafetySettings, type SafetyConfig } from './safety-settings.js';
import { SettingError } from './setting-error.js';
import {
  parseDatabaseUrl,
  parseHost,
  parseLogLevel,
  parsePort,
  parsePublicUrl,
  parseRateLimit,
  parseRequestRetention,
  parseTrustProxy,
  parseWholeNumber,
} from './settings.js';

/**
 * Haven's settings, read once from the environment (src/main.ts is the only reader of process.env) and
 * passed down. A bad value becomes one plain sentence naming the variable, what was wrong and a good example.
 */

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string; url: string }
  | { engine: 'postgres'; connectionString: string; url: string };

/** Which proxies may tell Haven the visitor's address (X-Forwarded-For): Fastify's trustProxy forms. */
export type TrustProxy = false | number | string[];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  publicUrl: URL;
  trustProxy: TrustProxy;
  logLevel: LogLevel;
  /** Requests a minute that one visitor address may make across the site. */
  rateLimitPerMinute: number;
  clinicFile: string;
  clinic: ClinicProfile;
  /** Read here, never written here: resolveMasterKeys() (crypto) generates a development key if needed. */
  masterKeys: MasterKeySetting;
  /** Staff sessions end after this long without a request (automatic logoff) or this long after sign-in. */
  staffSessions: { idleMinutes: number; maxHours: number; maxConcurrent: number };
  /** Appointment request forms one visitor address may send in ten minutes (mistakes included). */
  requestFormLimit: number;
  /** Days a closed appointment request is kept before Haven deletes it on its own; null: until purged by hand. */
  requestRetentionDays: number | null;
  /** Outgoing mail (decision 014); `smtp` is null when HAVEN_SMTP_URL is unset and nothing is sent. */
  mail: MailConfig;
  /** The urgent safety review's recipients and escalation time (decision 017). */
  safety: SafetyConfig;
  /** The PCL-5 total from which clinicians see "probable PTSD" (31 to 33, as the published studies support). */
  pcl5Cutoff: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

export const DEFAULT_CLINIC_FILE = path.resolve(import.meta.dirname, '../../../config/demo-clinic.yaml');

/**
 * Reads every setting from `env`, checking each. Nothing is written: a failed load leaves no trace on disk.
 * `cwd` anchors relative paths (the database file, the clinic file).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): ConfigResult {
  try {
    const port = parsePort(env.PORT);
    const host = parseHost(env.HOST);
    const database = parseDatabaseUrl(env.DATABASE_URL, cwd);
    const publicUrl = parsePublicUrl(env.HAVEN_PUBLIC_URL, port, host);
    const trustProxy = parseTrustProxy(env.HAVEN_TRUST_PROXY);
    const logLevel = parseLogLevel(env.LOG_LEVEL);
    const rateLimitPerMinute = parseRateLimit(env.HAVEN_RATE_LIMIT_PER_MINUTE);
    const staffSessions = {
      idleMinutes: parseWholeNumber('HAVEN_SESSION_IDLE_MINUTES', env.HAVEN_SESSION_IDLE_MINUTES, 15, {
        min: 1,
        max: 60,
        unit: 'minutes',
      }),
      maxHours: parseWholeNumber('HAVEN_SESSION_MAX_HOURS', env.HAVEN_SESSION_MAX_HOURS, 8, {
        min: 1,
        max: 24,
        unit: 'hours',
      }),
      // One person's sessions at once; signing in again ends the oldest beyond it (ASVS 7.1.2).
      maxConcurrent: parseWholeNumber('HAVEN_SESSION_MAX_CONCURRENT', env.HAVEN_SESSION_MAX_CONCURRENT, 3, {
        min: 1,
        max: 20,
        unit: 'sessions',
      }),
    };
    const clinicFile =
      env.HAVEN_CLINIC_FILE && env.HAVEN_CLINIC_FILE.trim() !== ''
        ? path.resolve(cwd, env.HAVEN_CLINIC_FILE.trim())
        : DEFAULT_CLINIC_FILE;
    const keys = readMasterKeySetting({ list: env.HAVEN_MASTER_KEYS, file: env.HAVEN_MASTER_KEY_FILE }, cwd);
    if (!keys.ok) throw new SettingError(keys.variable, keys.problem, keys.example);
    const clinic = loadClinicProfile(clinicFile);
    if (!clinic.ok) {
      throw new SettingError(
        'HAVEN_CLINIC_FILE',
        clinic.error,
        './config/demo-clinic.yaml',
        'the bundled config/demo-clinic.yaml is a working example',
      );
    }
    const requestFormLimit = parseWholeNumber('HAVEN_REQUEST_FORM_LIMIT', env.HAVEN_REQUEST_FORM_LIMIT, 10, {
      min: 1,
      max: 1_000_000,
      unit: 'forms per ten minutes',
    });
    const requestRetentionDays = parseRequestRetention(env.HAVEN_REQUEST_RETENTION);
    const mail = parseMailSettings(env, { publicUrl, clinicEmail: clinic.profile.email });
    const safety = parseSafetySettings(env, {
      notifyEmail: mail.notifyEmail,
      clinicEmail: clinic.profile.email,
    });
    const pcl5Cutoff = parseWholeNumber('HAVEN_PCL5_CUTOFF', env.HAVEN_PCL5_CUTOFF, 33, {
      min: 31,
      max: 33,
      unit: 'points',
    });
    return {
      ok: true,
      config: {
        port,
        host,
        database,
        publicUrl,
        trustProxy,
        logLevel,
        rateLimitPerMinute,
        clinicFile,
        clinic: clinic.profile,
        masterKeys: keys.setting,
        staffSessions,
        requestFormLimit,
        requestRetentionDays,
        mail,
        safety,
        pcl5Cutoff,
      },
    };
  } catch (error) {
    if (error instanceof SettingError) return { ok: false, error: error.message };
    throw error;
  }
}
