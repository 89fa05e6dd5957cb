/** Pre-visit screening and the urgent safety review (decision 017). */

export { resealLegacyResponses } from './answer-sets.js';
export { screeningCookieValue } from './cookies.js';
export { loadChecklists, loadInstruments } from './instruments/index.js';
export { createLinkBinding, type LinkBinding } from './link-binding.js';
export { screeningMigrations } from './migrations/index.js';
export {
  createScreeningReview,
  SAFETY_TIMELINE_KINDS,
  type ScreeningReview,
  type ScreeningStatus,
} from './review.js';
export {
  SCREENING_COOKIE,
  type ScreeningProfile,
  type ScreeningRouteOptions,
  screeningRoutes,
} from './routes.js';
export { SAFETY_OUTCOMES, type SafetyOutcome } from './safety-outcomes.js';
export { createScreening, type Screening } from './service.js';
export { type ScreeningStaffRouteOptions, screeningStaffRoutes } from './staff-routes.js';
export { SCREENING_ENCRYPTED_COLUMNS, type ScreeningTables } from './tables.js';
export { ScreeningSection, screeningSectionFor } from './views/staff-section.js';
