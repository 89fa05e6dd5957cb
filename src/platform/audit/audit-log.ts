import { type Kysely, PostgresAdapter, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../database/schema.js';
import type { Logger } from '../logging/logger.js';
import { GENESIS_HASH, hashAuditEntry } from './chain.js';

/**
 * The audit log (decision 012): an append-only, hash-chained record of who did what to which record.
 *
 * NEVER PUT HEALTH INFORMATION IN AN AUDIT EVENT. Entries name people and records by id only (`targetId`),
 * never by name, email, phone, message text or answers, and `details` holds small facts about the event
 * itself (`{ reason: 'bad_credentials' }`, `{ role: 'clinician' }`), never what a person told us. The audit
 * log is read by admins and kept for years; it must stay outside the rules for health information. The
 * schema below refuses the field names that usually carry such things, but only the caller can keep the
 * values clean.
 */
const CODE = /^[a-z][a-z0-9_]*$/;
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const FORBIDDEN_DETAILS = new Set([
  'name',
  'email',
  'phone',
  'dob',
  'address',
  'message',
  'notes',
  'answers',
  'body',
  'password',
  'token',
  'secret',
  'code',
]);

export const AuditEvent = z
  .object({
    actorKind: z.enum(['staff', 'anonymous', 'system', 'cli']),
    /** The staff user's id; null for anonymous visitors, the system and the CLI. */
    actorId: z.string().min(1).max(36).nullable().default(null),
    /** A dotted code: `auth.login`, `auth.mfa.verify`, `user.create`, `request.view`. */
    action: z.string().max(100).regex(ACTION, 'must be a dotted code such as auth.login'),
    outcome: z.enum(['success', 'failure', 'denied']),
    targetType: z.string().max(50).regex(CODE).nullable().default(null),
    /** The record's id, never anything that describes it. */
    targetId: z.string().min(1).max(100).nullable().default(null),
    ip: z.string().max(45).nullable().default(null),
    requestId: z.string().max(100).nullable().default(null),
    details: z
      .record(z.string(), z.union([z.string().max(200), z.number(), z.boolean(), z.null()]))
      .superRefine((details, ctx) => {
        for (const key of Object.keys(details)) {
          if (!CODE.test(key))
            ctx.addIssue({ code: 'custom', path: [key], message: 'must be a snake_case name' });
          else if (FORBIDDEN_DETAILS.has(key))
            ctx.addIssue({ code: 'custom', path: [key], message: 'may carry personal data' });
        }
      })
      .default({}),
  })
  .strict()
  .refine((event) => event.actorKind !== 'staff' || event.actorId !== null, {
    message: 'a staff actor needs its actorId',
    path: ['actorId'],
  });
export type AuditEvent = z.input<typeof AuditEvent>;

export interface AppendedAuditEvent {
  seq: number;
  at: string;
  hash: string;
}

export interface AuditLog {
  /**
   * Appends inside the caller's transaction, so the entry commits (or rolls back) with the change it
   * describes. Appends are serialised: a PostgreSQL advisory lock held to the end of the transaction, and
   * on SQLite the write lock that BEGIN IMMEDIATE takes (sqlite-dialect.ts).
   */
  append(trx: Transaction<Database>, event: AuditEvent): Promise<AppendedAuditEvent>;
  /** For an event that changes nothing else (a failed sign-in, a view): appends in a transaction of its own. */
  record(event: AuditEvent): Promise<AppendedAuditEvent>;
}

export interface AuditLogDeps {
  db: Kysely<Database>;
  now: () => Date;
  logger: Logger;
}

/** Any constant every Haven process agrees on; 'HAVE' in ASCII. */
export const AUDIT_LOCK_KEY = 0x48415645;

function describeProblem(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'event'} ${issue.message}`).join('; ');
}

/** Sorted keys, so the stored text (and so the hash) does not depend on the order a caller wrote them in. */
function canonicalDetails(details: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(details).sort(([a], [b]) => (a < b ? -1 : 1))));
}

export function createAuditLog(deps: AuditLogDeps): AuditLog {
  const { db, now, logger } = deps;

  async function append(trx: Transaction<Database>, input: AuditEvent): Promise<AppendedAuditEvent> {
    if (!trx.isTransaction) {
      throw new Error(
        'auditLog.append() must run inside the transaction that makes the change; use record() for an event that changes nothing else.',
      );
    }
    const parsed = AuditEvent.safeParse(input);
    if (!parsed.success) throw new Error(`Audit event refused: ${describeProblem(parsed.error)}.`);
    const event = parsed.data;
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    }
    const head = await trx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const entry = {
      seq: head ? Number(head.seq) + 1 : 1,
      at: now().toISOString(),
      actor_id: event.actorId,
      actor_kind: event.actorKind,
      action: event.action,
      outcome: event.outcome,
      target_type: event.targetType,
      target_id: event.targetId,
      ip: event.ip,
      request_id: event.requestId,
      details: canonicalDetails(event.details),
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    const hash = hashAuditEntry(entry);
    await trx
      .insertInto('audit_events')
      .values({ ...entry, hash })
      .execute();
    return { seq: entry.seq, at: entry.at, hash };
  }

  return {
    append,
    async record(event) {
      const appended = await db.transaction().execute((trx) => append(trx, event));
      logger.debug({ auditSeq: appended.seq }, 'audit event recorded');
      return appended;
    },
  };
}
