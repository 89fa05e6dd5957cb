import { treatmentNames } from '../../web/messages.js';
import { STATUS_LABELS } from './statuses.js';

/** How the inbox's pages write times, treatments and statuses. */
export const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
export const treatmentLabel = (treatment: string) =>
  treatment === 'not_sure'
    ? 'Not sure'
    : ((treatmentNames as Record<string, string>)[treatment] ?? treatment);
export const SAFETY_EVENTS: Record<string, string> = {
  'safety.reached': 'reached the person (closed)',
  'safety.emergency_referral': 'referred to emergency services (closed)',
  'safety.could_not_reach': 'tried, could not reach them',
};
export const statusLabel = (status: string) => (STATUS_LABELS as Record<string, string>)[status] ?? status;
