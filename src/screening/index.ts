/** Pre-visit screening and the urgent safety review (decision 017). */
export { loadChecklists, loadInstruments } from './instruments/index.js';
export { createScreeningReview, type ScreeningReview, type ScreeningStatus } from './review.js';
export { SCREENING_COOKIE, type ScreeningRouteOptions, screeningRoutes } from './routes.js';
export { createScreening, type Screening } from './service.js';
export { type ScreeningStaffRouteOptions, screeningStaffRoutes } from './staff-routes.js';
export { ScreeningSection, screeningSectionFor } from './views/staff-section.js';
