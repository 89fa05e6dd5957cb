import { type Kysely, sql } from 'kysely';
import { isPostgres, timestampType } from './helpers.js';

/**
 * The audit log (decision 012): who did what to which record, when, from where and with what result. Each row
 * carries the hash of the one before, and `seq` is assigned by the appender under a lock, so a missing, edited
 * or reordered row breaks the chain. There is no foreign key to staff users: entries outlive the accounts
 * they name. Triggers refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL), so only a deliberate schema change
 * can alter history, and the chain shows it if one does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', postgres ? 'bigint' : 'integer', (col) => col.primaryKey())
    .addColumn('at', timestampType(db), (col) => col.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('actor_kind', 'varchar(20)', (col) => col.notNull())
    .addColumn('action', 'varchar(100)', (col) => col.notNull())
    .addColumn('outcome', 'varchar(10)', (col) => col.notNull())
    .addColumn('target_type', 'varchar(50)')
    .addColumn('target_id', 'varchar(100)')
    .addColumn('ip', 'varchar(45)')
    .addColumn('request_id', 'varchar(100)')
    .addColumn('details', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'varchar(64)', (col) => col.notNull())
    .addColumn('hash', 'varchar(64)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'seq']).execute();
  await db.schema
    .createIndex('audit_events_target')
    .on('audit_events')
    .columns(['target_type', 'target_id', 'seq'])
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();

  if (postgres) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_change before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  if (isPostgres(db)) await sql`drop function audit_events_append_only()`.execute(db);
}
