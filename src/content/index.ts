export type { ImportReport } from './import/importer.js';
export { contentMigrations } from './migrations/index.js';
export { type ContentRoutesOptions, contentRoutes } from './routes.js';
export { type ContentSearchDocument, contentSearchDocuments } from './search-documents.js';
export { type ContentService, createContentService } from './service.js';
export { CONTENT_ENCRYPTED_COLUMNS, type ContentTables } from './tables.js';
