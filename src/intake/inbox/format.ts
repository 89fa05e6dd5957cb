import { findTreatment, NOT_SURE, type TreatmentDescription } from '../../platform/config/treatments.js';
import { STATUS_LABELS } from './statuses.js';

/** How the inbox's pages write times, treatments and statuses. */
export const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
/** A request keeps the id it was sent with, so one for a treatment the clinic has since dropped shows its id. */
export const treatmentLabel = (treatments: readonly TreatmentDescription[], id: string) =>
  id === NOT_SURE ? 'Not sure' : (findTreatment(treatments, id)?.name ?? id);
export const statusLabel = (status: string) => (STATUS_LABELS as Record<string, string>)[status] ?? status;
