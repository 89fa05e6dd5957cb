export { type HomeOptions, homeRoutes } from './routes.js';
