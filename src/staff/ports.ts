import type { Transaction } from 'kysely';
import type { Database } from '../platform/database/schema.js';

/**
 * What the staff feature needs from the platform, named by what it does here. The platform's cipher
 * (src/platform/crypto) and audit log (src/platform/audit) satisfy these.
 */

/** Seals a secret to the place it is stored (the context), and opens it again. */
export interface Sealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** One audit entry. Records are named by id; never put health information, passwords or tokens here. */
export interface StaffAuditEvent {
  actorId: string | null;
  actorKind: 'staff' | 'anonymous' | 'system' | 'cli';
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditTrail {
  /** Inside the caller's transaction, so the entry commits with the change it describes. */
  append(trx: Transaction<Database>, event: StaffAuditEvent): Promise<unknown>;
  /** In a transaction of its own, for events that change nothing else (a failed sign-in, a view). */
  record(event: StaffAuditEvent): Promise<unknown>;
}

/** Where a request came from, for throttling and the audit log. */
export interface Origin {
  ip: string | null;
  requestId: string | null;
  userAgent?: string | null;
}
