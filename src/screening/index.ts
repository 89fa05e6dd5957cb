/** Pre-visit screening and the urgent safety review (decision 017). */

export { resealLegacyResponses } from './answer-sets.js';
export { screeningCookieValue } from './cookies.js';
export { loadChecklists, loadInstruments } from './instruments/index.js';
export { createLinkBinding, type LinkBinding } from './link-binding.js';
export { createScreeningReview, type ScreeningReview, type ScreeningStatus } from './review.js';
export {
  SCREENING_COOKIE,
  type ScreeningProfile,
  type ScreeningRouteOptions,
  screeningRoutes,
} from './routes.js';
export { SAFETY_OUTCOMES, SAFETY_TIMELINE_LABELS, type SafetyOutcome } from './safety-outcomes.js';
export { createScreening, type Screening } from './service.js';
export { type ScreeningStaffRouteOptions, screeningStaffRoutes } from './staff-routes.js';
export { ScreeningSection, screeningSectionFor } from './views/staff-section.js';
