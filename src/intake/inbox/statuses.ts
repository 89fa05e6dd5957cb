/** Where a request stands, in the order the front desk works through them. */
export const STATUSES = [
  'new',
  'contacted',
  'consultation_booked',
  'not_a_fit',
  'no_response',
  'closed',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<RequestStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  consultation_booked: 'Consultation booked',
  not_a_fit: 'Not a fit',
  no_response: 'No response',
  closed: 'Closed',
};

/** A call's outcome: some move the request on, the others are only written in its timeline. */
export const CALL_OUTCOMES = {
  reached: { label: 'Called: spoke with them', status: 'contacted' },
  left_message: { label: 'Called: left a message', status: null },
  no_answer: { label: 'Called: no answer', status: null },
  booked: { label: 'Consultation booked', status: 'consultation_booked' },
} as const satisfies Record<string, { label: string; status: RequestStatus | null }>;
export type CallOutcome = keyof typeof CALL_OUTCOMES;

export function isStatus(value: string): value is RequestStatus {
  return (STATUSES as readonly string[]).includes(value);
}

/** Own keys only: `toString` or `__proto__` sent as an outcome is not one, though `in` would say so. */
export function isCallOutcome(value: string): value is CallOutcome {
  return Object.hasOwn(CALL_OUTCOMES, value);
}

export const CLOSED_STATUSES: readonly RequestStatus[] = ['not_a_fit', 'no_response', 'closed'];
