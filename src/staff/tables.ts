import type { EncryptedColumns } from '../platform/crypto/index.js';

/**
 * The staff feature's tables: accounts, sessions, one-time links, devices and sign-in throttling. Timestamps are ISO-8601 UTC strings on both engines.
 * The whole database type is assembled from every feature's tables in src/database.ts (decision 022).
 */
export interface StaffTables {
  staff_users: StaffUsersTable;
  staff_recovery_codes: StaffRecoveryCodesTable;
  staff_sessions: StaffSessionsTable;
  staff_tokens: StaffTokensTable;
  auth_throttle: AuthThrottleTable;
  staff_devices: StaffDevicesTable;
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

export interface AuthThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
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

/** The staff feature's sealed columns (decision 011): the TOTP secret. Each context is the one its repository seals with. */
export const STAFF_ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  {
    table: 'staff_users',
    idColumn: 'id',
    columns: ['totp_secret'],
    context: (column, id) => `staff_users.${column}:${id}`,
  },
];
