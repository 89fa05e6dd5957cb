import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { TestDatabase } from '../../test/helpers/database.js';

/**
 * For the screening tests only (never imported by the app): everything a database holds as text, to search
 * for what must not be there in clear.
 */

/** On SQLite the bytes of the file and its write-ahead log; on PostgreSQL every text column of every table. */
export async function wholeDatabase(db: TestDatabase): Promise<string> {
  if (db.config.engine === 'sqlite') {
    const files = [db.config.file, `${db.config.file}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file))).toString('latin1');
  }
  return everyColumn(db);
}

/**
 * Every text value of every table, read through SQL on both engines (a deleted row's bytes may linger in a
 * SQLite file's free pages; this is what the database itself still holds).
 */
export async function everyColumn(db: TestDatabase): Promise<string> {
  if (db.config.engine === 'sqlite') {
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.handle.db);
    const values: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.handle.db);
      values.push(...rows.rows.flatMap((row) => Object.values(row).map((value) => String(value ?? ''))));
    }
    return values.join('\n');
  }
  // Column by column, not `row::text`, which doubles the quotes inside a value and would hide `"phq9-9":2`.
  const columns = await sql<{ schema: string; table: string; column: string }>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
    from information_schema.columns c join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(db.handle.db);
  const names = columns.rows.map((c) => `${c.table}.${c.column}`);
  for (const needed of [
    'screening_responses.sealed_answers',
    'screening_responses.instrument',
    'outbox_messages.payload',
    'audit_events.details',
  ])
    assert.ok(names.includes(needed), `the search covers ${needed}`);
  const values: string[] = [];
  for (const { schema, table, column } of columns.rows) {
    const result = await sql<{
      value: string | null;
    }>`select ${sql.ref(column)}::text as value from ${sql.table(`${schema}.${table}`)}`.execute(
      db.handle.db,
    );
    values.push(...result.rows.map((row) => row.value ?? ''));
  }
  return values.join('\n');
}
