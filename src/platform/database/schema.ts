/**
 * The shape of Haven's tables as the application reads them. Timestamps arrive as ISO-8601 UTC strings on
 * both engines (the PostgreSQL pool parses timestamptz that way), so code never meets a Date from one
 * engine and a string from the other.
 */
export interface AppStateTable {
  key: string;
  value: string;
  updated_at: string;
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

export interface Database {
  app_state: AppStateTable;
  content_items: ContentItemsTable;
}
