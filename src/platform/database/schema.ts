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

export interface Database {
  app_state: AppStateTable;
}
