import type { ColumnType, Generated } from 'kysely';

/**
 * The shape of Haven's tables as the application reads them. Timestamps arrive as ISO-8601 UTC strings on
 * both engines (the PostgreSQL pool parses timestamptz that way), so code never meets a Date from one
 * engine and a string from the other.
 */
export interface AppStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** JSON columns hold text on both engines; the content repository parses and checks them. */
export interface ContentItemsTable {
  id: string;
  slug: string;
  type: string;
  title: string;
  summary: string | null;
  tags: string;
  body: string;
  published: string | null;
  updated: string | null;
  reviewed: string | null;
  reviewer: string | null;
  sources: string;
  attributes: string;
  redirect_from: string;
  source_file: string | null;
  created_at: string;
  updated_at: string;
}

/** A staff member. `roles` is a JSON array of role names; `totp_secret` is sealed (decision 011). */
export interface StaffUsersTable {
  id: string;
  email: string;
  display_name: string;
  roles: string;
  password_hash: string | null;
  password_changed_at: string | null;
  totp_secret: string | null;
  totp_last_step: number | null;
  mfa_enrolled_at: string | null;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  reauthenticated_at: string | null;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface StaffTokensTable {
  id: string;
  token_hash: string;
  purpose: string;
  user_id: string | null;
  attempts: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** For a sign-in challenge: whose throttle counters it spends (also for a decoy, which has no user). */
  account_key: string | null;
}

/** Devices that have signed in before (decision 013): only a hash of the device cookie. */
export interface StaffDevicesTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AuthThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
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

/** An appointment request; everything the person wrote is inside `sealed` (decision 011). */
export interface AppointmentRequestsTable {
  id: string;
  idempotency_key: string;
  status: string;
  location: string;
  treatment: string;
  contact_method: string;
  concerns_minor: number;
  sms_consent: number;
  sealed: string;
  assignee_id: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Urgent safety review (decision 017): when raised, when a clinician closed it, when it was escalated. */
  safety_flagged_at: string | null;
  safety_closed_at: string | null;
  safety_escalated_at: string | null;
}

export interface ScreeningInvitationsTable {
  id: string;
  request_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  submitted_at: string | null;
  /** sha256 of the secret cookie of the browser the link is bound to; null until first opened. */
  device_hash: string | null;
  /** Wrong answers to the date-of-birth question from other browsers (decision 017). */
  verify_failures: Generated<number>;
}

/**
 * Every answer given through one invitation, sealed with which questionnaires they belong to (decision
 * 017): `instrument` holds no questionnaire's name (SEALED_SECTIONS), only rows from before 2026-12-04 not
 * yet resealed do.
 */
export interface ScreeningResponsesTable {
  id: string;
  invitation_id: string;
  request_id: string;
  instrument: string;
  instrument_version: string;
  sealed_answers: string;
  updated_at: string;
}

export interface AppointmentRequestEventsTable {
  id: string;
  request_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  status_from: string | null;
  status_to: string | null;
  sealed_note: string | null;
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

export interface Database {
  app_state: AppStateTable;
  content_items: ContentItemsTable;
  audit_events: AuditEventsTable;
  staff_users: StaffUsersTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_sessions: StaffSessionsTable;
  staff_tokens: StaffTokensTable;
  auth_throttle: AuthThrottleTable;
  staff_devices: StaffDevicesTable;
  appointment_requests: AppointmentRequestsTable;
  appointment_request_events: AppointmentRequestEventsTable;
  screening_invitations: ScreeningInvitationsTable;
  screening_responses: ScreeningResponsesTable;
  outbox_messages: OutboxMessagesTable;
}
