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
export const statusLabel = (status: string) => (STATUS_LABELS as Record<string, string>)[status] ?? status;
