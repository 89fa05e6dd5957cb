import { type AnswersResult, validateChoices } from './choices.js';
import type { Checklist } from './schema.js';

/**
 * Treatment safety checklists: yes / no / not sure. A "yes" or "not sure" is something for a clinician to
 * discuss with the person; nothing here decides eligibility.
 */

export const CHECKLIST_ANSWERS = [
  { value: 'yes', display: 'Yes' },
  { value: 'no', display: 'No' },
  { value: 'not-sure', display: 'Not sure' },
] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number]['value'];
export type ChecklistAnswers = Record<string, ChecklistAnswer>;
export type ValidateChecklistResult = AnswersResult<ChecklistAnswer>;

/** One checklist question as the clinician sees it. */
export interface ChecklistFinding {
  linkId: string;
  text: string;
  reason: string;
}

export interface ChecklistReview {
  yes: ChecklistFinding[];
  notSure: ChecklistFinding[];
  /** Questions with no answer, in the checklist's order. */
  unanswered: string[];
}

/**
 * Checks raw form values for the whole checklist, or only `itemIds` (one page). Every question on the page
 * needs an answer; "Not sure" is always available.
 */
export function validateChecklistAnswers(
  checklist: Checklist,
  raw: Record<string, unknown>,
  itemIds?: readonly string[],
): ValidateChecklistResult {
  const questions = checklist.items.map((item) => ({
    linkId: item.linkId,
    text: item.text,
    required: true,
    options: CHECKLIST_ANSWERS,
  }));
  return validateChoices(questions, raw, itemIds, checklist.id);
}

/** What a clinician needs to follow up: the "yes" and "not sure" answers with the reason each matters. */
export function checklistReview(checklist: Checklist, answers: Partial<ChecklistAnswers>): ChecklistReview {
  const known = new Set(checklist.items.map((item) => item.linkId));
  for (const [linkId, answer] of Object.entries(answers)) {
    if (!known.has(linkId)) throw new Error(`${checklist.id}@${checklist.version} has no item "${linkId}"`);
    if (!CHECKLIST_ANSWERS.some((choice) => choice.value === answer))
      throw new Error(`${checklist.id}@${checklist.version}: "${answer}" is not an answer to "${linkId}"`);
  }
  const review: ChecklistReview = { yes: [], notSure: [], unanswered: [] };
  for (const item of checklist.items) {
    const finding = { linkId: item.linkId, text: item.text, reason: item.reason };
    const answer = answers[item.linkId];
    if (answer === 'yes') review.yes.push(finding);
    else if (answer === 'not-sure') review.notSure.push(finding);
    else if (answer === undefined) review.unanswered.push(item.linkId);
  }
  return review;
}

/** The questions answered "yes", in the checklist's order, each with the clinician-facing reason. */
export function checklistYesItems(
  checklist: Checklist,
  answers: Partial<ChecklistAnswers>,
): ChecklistFinding[] {
  return checklistReview(checklist, answers).yes;
}
