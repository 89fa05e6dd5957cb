import path from 'node:path';
import { z } from 'zod';
import { type MasterKeySetting, readMasterKeySetting } from '../crypto/master-keys.js';
import { type ClinicProfile, loadClinicProfile } from './clinic.js';
import { type MailConfig, MailFrom, mailFromDefault, NotifyEmail, SmtpUrl } from './mail-settings.js';
import { type SafetyConfig, safetySettings } from './safety-settings.js';
import { refusalSentence, refuse, setting, wholeNumber } from './setting.js';
import * as settings from './settings.js';

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

/** The clinic profile the file names, loaded and checked; `cwd` anchors a relative path. */
function clinicFile(cwd: string) {
  return setting(z.string(), DEFAULT_CLINIC_FILE)
    .transform((file) => (file === DEFAULT_CLINIC_FILE ? file : path.resolve(cwd, file.trim())))
    .transform((file, ctx) => {
      const clinic = loadClinicProfile(file);
      if (!clinic.ok) {
        return refuse(
          ctx,
          clinic.error,
          './config/demo-clinic.yaml',
          'the bundled config/demo-clinic.yaml is a working example',
        );
      }
      return { file, profile: clinic.profile };
    });
}

/**
 * The environment's schema, in the order its problems are reported. Settings that default to another's
 * value (the public address to HOST and PORT, the mail addresses to the clinic's) are filled in last.
 */
function environmentSchema(cwd: string) {
  return z
    .object({
      PORT: settings.Port,
      HOST: settings.Host,
      DATABASE_URL: settings.databaseUrl(cwd),
      HAVEN_PUBLIC_URL: settings.PublicUrl,
      HAVEN_TRUST_PROXY: settings.TrustProxy,
      LOG_LEVEL: settings.LogLevel,
      HAVEN_RATE_LIMIT_PER_MINUTE: settings.RateLimit,
      HAVEN_SESSION_IDLE_MINUTES: wholeNumber({ fallback: 15, min: 1, max: 60, unit: 'minutes' }),
      HAVEN_SESSION_MAX_HOURS: wholeNumber({ fallback: 8, min: 1, max: 24, unit: 'hours' }),
      // One person's sessions at once; signing in again ends the oldest beyond it (ASVS 7.1.2).
      HAVEN_SESSION_MAX_CONCURRENT: wholeNumber({ fallback: 3, min: 1, max: 20, unit: 'sessions' }),
      HAVEN_MASTER_KEYS: z.string().optional(),
      HAVEN_MASTER_KEY_FILE: z.string().optional(),
      HAVEN_CLINIC_FILE: clinicFile(cwd),
      HAVEN_REQUEST_FORM_LIMIT: wholeNumber({
        fallback: 10,
        min: 1,
        max: 1_000_000,
        unit: 'forms per ten minutes',
      }),
      HAVEN_REQUEST_RETENTION: settings.RequestRetention,
      HAVEN_SMTP_URL: SmtpUrl,
      HAVEN_MAIL_FROM: MailFrom,
      HAVEN_NOTIFY_EMAIL: NotifyEmail,
      ...safetySettings,
      HAVEN_PCL5_CUTOFF: wholeNumber({ fallback: 33, min: 31, max: 33, unit: 'points' }),
    })
    .transform((env, ctx): Config => {
      const keys = readMasterKeySetting(
        { list: env.HAVEN_MASTER_KEYS, file: env.HAVEN_MASTER_KEY_FILE },
        cwd,
      );
      if (!keys.ok) return refuse(ctx, keys.problem, keys.example, undefined, [keys.variable]);
      const clinic = env.HAVEN_CLINIC_FILE.profile;
      const publicUrl = env.HAVEN_PUBLIC_URL ?? settings.publicUrlDefault(env.PORT, env.HOST);
      const notifyEmail = env.HAVEN_NOTIFY_EMAIL ?? clinic.email;
      return {
        port: env.PORT,
        host: env.HOST,
        database: env.DATABASE_URL,
        publicUrl,
        trustProxy: env.HAVEN_TRUST_PROXY,
        logLevel: env.LOG_LEVEL,
        rateLimitPerMinute: env.HAVEN_RATE_LIMIT_PER_MINUTE,
        clinicFile: env.HAVEN_CLINIC_FILE.file,
        clinic,
        masterKeys: keys.setting,
        staffSessions: {
          idleMinutes: env.HAVEN_SESSION_IDLE_MINUTES,
          maxHours: env.HAVEN_SESSION_MAX_HOURS,
          maxConcurrent: env.HAVEN_SESSION_MAX_CONCURRENT,
        },
        requestFormLimit: env.HAVEN_REQUEST_FORM_LIMIT,
        requestRetentionDays: env.HAVEN_REQUEST_RETENTION,
        mail: {
          smtp: env.HAVEN_SMTP_URL,
          from: env.HAVEN_MAIL_FROM ?? mailFromDefault(publicUrl),
          notifyEmail,
        },
        safety: {
          onCallEmail: env.HAVEN_ONCALL_EMAIL ?? notifyEmail,
          escalationEmail: env.HAVEN_ESCALATION_EMAIL ?? clinic.email,
          escalationMinutes: env.HAVEN_ESCALATION_MINUTES,
        },
        pcl5Cutoff: env.HAVEN_PCL5_CUTOFF,
      };
    });
}

/**
 * Reads every setting from `env`, checking each; the first problem is the one sentence returned. Nothing is
 * written: a failed load leaves no trace on disk. `cwd` anchors relative paths (the database file, the
 * clinic file).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): ConfigResult {
  const parsed = environmentSchema(cwd).safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  const [first] = parsed.error.issues;
  return { ok: false, error: first ? refusalSentence(first) : 'The environment could not be read.' };
}
