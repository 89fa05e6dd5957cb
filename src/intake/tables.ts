import type { EncryptedColumns } from '../platform/crypto/index.js';

/**
 * The intake feature's tables: appointment requests and their timeline. Timestamps are ISO-8601 UTC strings on both engines.
 * The whole database type is assembled from every feature's tables in src/database.ts (decision 022).
 */
export interface IntakeTables {
  appointment_requests: AppointmentRequestsTable;
  appointment_request_events: AppointmentRequestEventsTable;
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

/** The intake feature's sealed columns (decision 011): what a person wrote, and staff notes. Each context is the one its repository seals with. */
export const INTAKE_ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  {
    table: 'appointment_requests',
    idColumn: 'id',
    columns: ['sealed'],
    context: (column, id) => `appointment_requests.${column}:${id}`,
  },
  {
    table: 'appointment_request_events',
    idColumn: 'id',
    columns: ['sealed_note'],
    context: (column, id) => `appointment_request_events.${column}:${id}`,
  },
];
