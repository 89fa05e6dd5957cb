/**
 * What a clinician may record after an urgent safety review (issue 13), as one typed list (issue 14): the
 * outcome form's choices and their check, which outcomes close the review, and how the request's timeline
 * says each one all read it.
 */
export const SAFETY_OUTCOMES = [
  {
    id: 'reached',
    label: 'Reached the person and assessed their safety',
    closesReview: true,
    timeline: 'reached the person (closed)',
  },
  {
    id: 'emergency_referral',
    label: 'Referred to emergency services',
    closesReview: true,
    timeline: 'referred to emergency services (closed)',
  },
  {
    id: 'could_not_reach',
    label: 'Tried, could not reach them (the review stays open)',
    closesReview: false,
    timeline: 'tried, could not reach them',
  },
] as const;

export type SafetyOutcome = (typeof SAFETY_OUTCOMES)[number]['id'];

export const SAFETY_OUTCOME_IDS = SAFETY_OUTCOMES.map((outcome) => outcome.id) as [
  SafetyOutcome,
  ...SafetyOutcome[],
];

export const CLOSING_OUTCOMES: readonly SafetyOutcome[] = SAFETY_OUTCOMES.filter((o) => o.closesReview).map(
  (o) => o.id,
);
