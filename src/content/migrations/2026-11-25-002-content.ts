import type { Kysely } from 'kysely';
import { timestampType } from '../../platform/database/migrations/helpers.js';

/**
 * Published content (articles, treatments, conditions, pages), imported from Markdown and later edited by
 * staff. Lists and small structures (tags, sources, comparison attributes, old slugs) are JSON text, read
 * whole with the item; nothing queries inside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_items')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('slug', 'varchar(200)', (col) => col.notNull().unique())
    .addColumn('type', 'varchar(20)', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text')
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('published', 'varchar(10)')
    .addColumn('updated', 'varchar(10)')
    .addColumn('reviewed', 'varchar(10)')
    .addColumn('reviewer', 'text')
    .addColumn('sources', 'text', (col) => col.notNull())
    .addColumn('attributes', 'text', (col) => col.notNull())
    .addColumn('redirect_from', 'text', (col) => col.notNull())
    .addColumn('source_file', 'text')
    .addColumn('created_at', timestampType(db), (col) => col.notNull())
    .addColumn('updated_at', timestampType(db), (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('content_items_type_published')
    .on('content_items')
    .columns(['type', 'published'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('content_items').execute();
}
