/**
 * A table's columns that hold sealed values (decision 011), so `keys rotate` re-wraps them all. Each feature
 * lists its own in its `tables.ts`, with the same context its repository seals with, and src/database.ts
 * joins the lists (decision 022); a column left off would stay wrapped by an old master key and become
 * unreadable when that key is retired.
 */
export interface EncryptedColumns {
  table: string;
  /** The primary key, also the order rotation walks the table in. */
  idColumn: string;
  columns: readonly string[];
  /** The additional authenticated data each value was sealed with. */
  context: (column: string, id: string | number) => string;
}

/** The platform's own sealed columns: the outbox's payload. */
export const PLATFORM_ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  {
    table: 'outbox_messages',
    idColumn: 'id',
    columns: ['payload'],
    // The same context createOutbox() seals with: payloadContext() in src/platform/mail/outbox.ts.
    context: (column, id) => `outbox_messages.${column}:${id}`,
  },
];
