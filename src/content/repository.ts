import type { Kysely, Selectable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { bumpContentVersion } from '../platform/database/content-version.js';
import type { Database } from '../platform/database/schema.js';
import type { ParsedItem } from './import/parse-file.js';
import { CONTENT_TYPES, type ContentItem, type ContentType } from './schema.js';
import type { ContentItemsTable } from './tables.js';

export interface UpsertReport {
  created: string[];
  updated: string[];
  unchanged: string[];
}

function toItem(row: Selectable<ContentItemsTable>): ContentItem {
  if (!CONTENT_TYPES.includes(row.type as ContentType))
    throw new Error(`content item ${row.id} has unknown type`);
  return {
    id: row.id,
    slug: row.slug,
    type: row.type as ContentType,
    title: row.title,
    summary: row.summary,
    tags: JSON.parse(row.tags) as string[],
    body: row.body,
    published: row.published,
    updated: row.updated,
    reviewed: row.reviewed,
    reviewer: row.reviewer,
    sources: JSON.parse(row.sources) as ContentItem['sources'],
    attributes: JSON.parse(row.attributes) as ContentItem['attributes'],
    redirectFrom: JSON.parse(row.redirect_from) as string[],
    sourceFile: row.source_file,
  };
}

function toColumns(item: ParsedItem) {
  return {
    slug: item.slug,
    type: item.type,
    title: item.title,
    summary: item.summary,
    tags: JSON.stringify(item.tags),
    body: item.body,
    published: item.published,
    updated: item.updated,
    reviewed: item.reviewed,
    reviewer: item.reviewer,
    sources: JSON.stringify(item.sources),
    attributes: JSON.stringify(item.attributes),
    redirect_from: JSON.stringify(item.redirectFrom),
    source_file: item.sourceFile,
  };
}

/** SQL for content, and nothing else. */
export function contentRepository(db: Kysely<Database>) {
  return {
    async count(): Promise<number> {
      const row = await db
        .selectFrom('content_items')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listAll(): Promise<ContentItem[]> {
      const rows = await db.selectFrom('content_items').selectAll().orderBy('slug').execute();
      return rows.map(toItem);
    },

    /** Inserts or updates each item by slug, in one transaction that also moves the content version. */
    async upsertBySlug(items: ParsedItem[], now: Date): Promise<UpsertReport> {
      return db.transaction().execute(async (trx) => {
        const report: UpsertReport = { created: [], updated: [], unchanged: [] };
        const slugs = items.map((item) => item.slug);
        const existing = slugs.length
          ? await trx.selectFrom('content_items').selectAll().where('slug', 'in', slugs).execute()
          : [];
        const bySlug = new Map(existing.map((row) => [row.slug, row]));
        const stamp = now.toISOString();
        for (const item of items) {
          const columns = toColumns(item);
          const row = bySlug.get(item.slug);
          if (!row) {
            await trx
              .insertInto('content_items')
              .values({ id: uuidv7(), ...columns, created_at: stamp, updated_at: stamp })
              .execute();
            report.created.push(item.slug);
          } else if (
            Object.entries(columns).every(([key, value]) => row[key as keyof typeof row] === value)
          ) {
            report.unchanged.push(item.slug);
          } else {
            await trx
              .updateTable('content_items')
              .set({ ...columns, updated_at: stamp })
              .where('id', '=', row.id)
              .execute();
            report.updated.push(item.slug);
          }
        }
        if (report.created.length + report.updated.length > 0) await bumpContentVersion(trx, now);
        return report;
      });
    },
  };
}

export type ContentRepository = ReturnType<typeof contentRepository>;
