import type { Kysely } from 'kysely';
import { timestampType } from './helpers.js';

/** Small facts about the installation itself, such as the content version that public page caches follow. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_state')
    .addColumn('key', 'varchar(100)', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', timestampType(db), (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_state').execute();
}
