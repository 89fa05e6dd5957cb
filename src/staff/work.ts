import type { Actor } from './permissions.js';

/**
 * What needs doing now, for the staff home. Requests belong to the intake feature: the composition root
 * passes this in, so the staff area shows the work without importing the feature that holds it.
 * Counts and times only, never anyone's details (decision 017: front desk may learn a review is open).
 */
export interface RequestWork {
  urgentOpen: number;
  /** When the open review that has waited longest was raised, and its request. */
  urgentOldest: { since: string; requestId: string } | null;
  newRequests: number;
}

export type RequestWorkSource = (actor: Actor) => Promise<RequestWork>;
