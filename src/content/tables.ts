import type { EncryptedColumns } from '../platform/crypto/index.js';

/**
 * The content feature's tables (articles, treatments, conditions, pages). Timestamps are ISO-8601 UTC strings on both engines.
 * The whole database type is assembled from every feature's tables in src/database.ts (decision 022).
 */
export interface ContentTables {
  content_items: ContentItemsTable;
}

/** JSON columns hold text on both engines; the content repository parses and checks them. */
export interface ContentItemsTable {
  id: string;
  slug: string;
  type: string;
  title: string;
  summary: string | null;
  tags: string;
  body: string;
  published: string | null;
  updated: string | null;
  reviewed: string | null;
  reviewer: string | null;
  sources: string;
  attributes: string;
  redirect_from: string;
  source_file: string | null;
  created_at: string;
  updated_at: string;
}

/** Content is public: nothing of it is sealed. Each context is the one its repository seals with. */
export const CONTENT_ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [];
