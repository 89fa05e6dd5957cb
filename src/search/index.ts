export { loadCrisisPhrases } from './crisis.js';
export type { SearchDocument } from './engine.js';
export { type SearchRoutesOptions, searchRoutes } from './routes.js';
export { createSearchService, type SearchService } from './service.js';
export { loadSynonyms } from './synonyms.js';
