export { type SitePagesOptions, sitePagesRoutes } from './routes.js';
