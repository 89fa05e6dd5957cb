/** The administrators' settings page (decision 018). */
export { type SettingsRouteOptions, settingsRoutes } from './routes.js';
export { createSystemSettings, type SettingsOverview, type SystemSettings } from './service.js';
