export { type SitePagesOptions, sitePagesRoutes } from './routes.js';
export { sitePageSearchDocuments } from './search-documents.js';
