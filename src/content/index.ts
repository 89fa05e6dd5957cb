export type { ImportReport } from './import/importer.js';
export { type ContentRoutesOptions, contentRoutes } from './routes.js';
export { type ContentSearchDocument, contentSearchDocuments } from './search-documents.js';
export { type ContentService, createContentService } from './service.js';
