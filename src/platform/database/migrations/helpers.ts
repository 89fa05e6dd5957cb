import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * Column types that differ between the engines. Migrations are frozen in time, so they use these helpers
 * and nothing from the application.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A UTC instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
export function timestampType(db: Kysely<unknown>): 'timestamptz' | 'text' {
  return isPostgres(db) ? 'timestamptz' : 'text';
}
