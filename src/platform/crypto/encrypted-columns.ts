/**
 * Every column that holds sealed values (decision 011), listed by hand so `keys rotate` re-wraps them all.
 * A feature that adds an encrypted column adds it here, with the same context its repository seals with;
 * a column left off this list would stay wrapped by an old master key and become unreadable when that key
 * is retired.
 */
export interface EncryptedColumns {
  table: string;
  /** The primary key, also the order rotation walks the table in. */
  idColumn: string;
  columns: readonly string[];
  /** The additional authenticated data each value was sealed with. */
  context: (column: string, id: string | number) => string;
}

export const ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  {
    table: 'staff_users',
    idColumn: 'id',
    columns: ['totp_secret'],
    context: (column, id) => `staff_users.${column}:${id}`,
  },
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
  {
    table: 'outbox_messages',
    idColumn: 'id',
    columns: ['payload'],
    // The same context createOutbox() seals with: payloadContext() in src/platform/mail/outbox.ts.
    context: (column, id) => `outbox_messages.${column}:${id}`,
  },
  {
    table: 'screening_responses',
    idColumn: 'id',
    columns: ['sealed_answers'],
    context: (column, id) => `screening_responses.${column}:${id}`,
  },
];
