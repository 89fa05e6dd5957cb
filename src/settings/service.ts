import type { Kysely } from 'kysely';
import type { AuditLog } from '../platform/audit/index.js';
import { readAuditHead, verifyAuditChain } from '../platform/audit/index.js';
import type { Config } from '../platform/config/config.js';
import type { Database } from '../platform/database/schema.js';
import { type MailStatus, mailStatus, type Outbox, retryFailedMail } from '../platform/mail/index.js';
import { type Actor, requirePermission } from '../staff/index.js';

/**
 * The administrators' settings page (decision 018): the settings Haven runs with, read from the
 * environment at start, and the checks an operator needs after changing them: send a test email, send
 * failed emails again, verify the audit chain. Every action needs `settings:manage`, checked here, and is
 * audited. Nothing shown is secret: no password, key material or token, only names, hosts and counts.
 */

export interface SettingsOverview {
  publicUrl: string;
  database: { engine: 'sqlite' | 'postgres'; where: string };
  clinic: { name: string; file: string; demo: boolean; timeZone: string };
  mail: {
    smtp: { host: string; port: number; tls: string; user: string | null } | null;
    from: string;
    notifyEmail: string;
    onCallEmail: string;
    escalationEmail: string;
    escalationMinutes: number;
    status: MailStatus;
  };
  sessions: { idleMinutes: number; maxHours: number; maxConcurrent: number };
  limits: { perMinute: number; requestForms: number };
  retentionDays: number | null;
  pcl5Cutoff: number;
  encryption: { source: string; activeKeyId: string };
  audit: { head: { seq: number; hash: string } | null };
}

export type AuditCheck =
  | { ok: true; count: number; headSeq: number | null }
  | { ok: false; seq: number; reason: string };

export interface SystemSettingsDeps {
  db: Kysely<Database>;
  config: Config;
  audit: AuditLog;
  outbox: Outbox;
  /** The key that seals new values (the first of HAVEN_MASTER_KEYS, or the development key). */
  activeKeyId: string;
  /** Asks the mail worker to look at the outbox now rather than at its next poll. */
  mailQueued?: () => void;
}

const MANAGE = 'settings:manage' as const;

export function createSystemSettings(deps: SystemSettingsDeps) {
  const { db, config, audit } = deps;

  const record = (actor: Actor, action: string, details: Record<string, number | string | boolean> = {}) =>
    audit.record({
      actorKind: 'staff',
      actorId: actor.userId,
      action,
      outcome: 'success',
      ip: actor.ip,
      requestId: actor.requestId,
      details,
    });

  return {
    async overview(actor: Actor): Promise<SettingsOverview> {
      requirePermission(actor, MANAGE);
      const { mail, safety, database } = config;
      return {
        publicUrl: config.publicUrl.href,
        database: {
          engine: database.engine,
          // The PostgreSQL address with its password already masked (config.ts); the SQLite file path.
          where: database.engine === 'sqlite' ? database.file : database.url,
        },
        clinic: {
          name: config.clinic.name,
          file: config.clinicFile,
          demo: config.clinic.demo,
          timeZone: config.clinic.timeZone,
        },
        mail: {
          smtp: mail.smtp
            ? { host: mail.smtp.host, port: mail.smtp.port, tls: mail.smtp.tls, user: mail.smtp.user }
            : null,
          from: mail.from,
          notifyEmail: mail.notifyEmail,
          onCallEmail: safety.onCallEmail,
          escalationEmail: safety.escalationEmail,
          escalationMinutes: safety.escalationMinutes,
          status: await mailStatus(db),
        },
        sessions: config.staffSessions,
        limits: { perMinute: config.rateLimitPerMinute, requestForms: config.requestFormLimit },
        retentionDays: config.requestRetentionDays,
        pcl5Cutoff: config.pcl5Cutoff,
        encryption: { source: config.masterKeys.source, activeKeyId: deps.activeKeyId },
        audit: { head: await readAuditHead(db) },
      };
    },

    /** A short email to the administrator's own address, through the outbox like every other. */
    async sendTestEmail(actor: Actor, to: string): Promise<void> {
      requirePermission(actor, MANAGE);
      await db.transaction().execute(async (trx) => {
        await deps.outbox.enqueue(trx, {
          kind: 'settings_test',
          to,
          subject: `Test email from Haven at ${config.publicUrl.host}`,
          text: `This is a test sent from the settings page of Haven at ${config.publicUrl.href}.\n\nIf you can read it, Haven can send email: staff will be told when an appointment request arrives, and the on-call address when a request needs an urgent safety review.\n`,
        });
        await audit.append(trx, {
          actorKind: 'staff',
          actorId: actor.userId,
          action: 'settings.mail_test',
          outcome: 'success',
          ip: actor.ip,
          requestId: actor.requestId,
        });
      });
      deps.mailQueued?.();
    },

    async retryFailedEmails(actor: Actor): Promise<number> {
      requirePermission(actor, MANAGE);
      const queued = await retryFailedMail(db, new Date());
      await record(actor, 'settings.mail_retry', { queued });
      if (queued > 0) deps.mailQueued?.();
      return queued;
    },

    async verifyAudit(actor: Actor): Promise<AuditCheck> {
      requirePermission(actor, MANAGE);
      const result = await verifyAuditChain(db);
      const check: AuditCheck = result.ok
        ? { ok: true, count: result.count, headSeq: result.head?.seq ?? null }
        : { ok: false, seq: result.firstBroken.seq, reason: result.firstBroken.reason };
      await record(actor, 'audit.verify', check.ok ? { intact: true } : { intact: false, seq: check.seq });
      return check;
    },
  };
}

export type SystemSettings = ReturnType<typeof createSystemSettings>;
