import type { ColumnType } from 'kysely';

/**
 * The platform's own tables; each feature declares its own in `src/<feature>/tables.ts` (decision 022).
 * Timestamps arrive as ISO-8601 UTC strings on both engines (the PostgreSQL pool parses timestamptz that
 * way), so code never meets a Date from one engine and a string from the other.
 */
export interface PlatformTables {
  app_state: AppStateTable;
  audit_events: AuditEventsTable;
  outbox_messages: OutboxMessagesTable;
}

/**
 * Every table of the installation. Here it holds only the platform's; src/database.ts, the composition
 * root's layer, merges every feature's tables into it, so the platform names no feature (decision 022).
 * Kysely<DB> is invariant in DB, so a narrower type per feature could not be passed to the audit log or
 * the outbox; which tables a feature may touch is checked by src/architecture.test.ts instead.
 */
export interface Database extends PlatformTables {}

export interface AppStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/**
 * Audit entries are written once and never changed (decision 012): every column is insert-only, so
 * Updateable<AuditEventsTable> is empty. `seq` is a bigint on PostgreSQL, which pg returns as a string.
 */
type Appended<T> = ColumnType<T, T, never>;
export interface AuditEventsTable {
  seq: ColumnType<number | string, number, never>;
  at: Appended<string>;
  actor_id: Appended<string | null>;
  actor_kind: Appended<string>;
  action: Appended<string>;
  outcome: Appended<string>;
  target_type: Appended<string | null>;
  target_id: Appended<string | null>;
  ip: Appended<string | null>;
  request_id: Appended<string | null>;
  /** A small JSON object of facts that are not health information. */
  details: Appended<string>;
  prev_hash: Appended<string>;
  hash: Appended<string>;
}

/**
 * A message waiting in (or delivered from) the mail outbox (decision 014). `payload` is sealed JSON of the
 * recipient, subject and text (decision 011); nothing else here may name a person or say what was written.
 */
export interface OutboxMessagesTable {
  id: string;
  kind: string;
  payload: string;
  /** The RFC 5322 Message-ID, fixed at enqueue time so a resend is recognisably the same message. */
  message_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_attempt_at: string | null;
  /** A short error class such as `ECONNREFUSED` or `SMTP 550`, never an address or a body. */
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
