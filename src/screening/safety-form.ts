import { z } from 'zod';
import { SAFETY_OUTCOME_IDS, type SafetyOutcome } from './safety-outcomes.js';

/**
 * The urgent review's outcome form (issue 13): every outcome needs a short note of what was done, and
 * "reached the person" needs the clinician to confirm they spoke with the person and assessed their safety.
 */

export const SAFETY_NOTE_MAX = 2000;
export const SAFETY_CONFIRM_LABEL = 'I spoke with the person and assessed their safety';

export const SafetyOutcomeForm = z
  .object({
    outcome: z.enum(SAFETY_OUTCOME_IDS, {
      error: 'Choose what happened.',
    }),
    note: z
      .string({ error: 'Write a short note of what you did.' })
      .trim()
      .min(1, 'Write a short note of what you did.')
      .max(SAFETY_NOTE_MAX, `Keep the note under ${SAFETY_NOTE_MAX.toLocaleString('en-US')} characters.`),
    confirm: z.string().optional(),
  })
  .superRefine((form, ctx) => {
    if (form.outcome === 'reached' && form.confirm !== 'yes') {
      ctx.addIssue({
        code: 'custom',
        path: ['confirm'],
        message: `To record that you reached the person, tick “${SAFETY_CONFIRM_LABEL}”.`,
      });
    }
  });
export type SafetyOutcomeForm = z.infer<typeof SafetyOutcomeForm>;

/** What the person typed, kept to show again beside the errors. */
export interface SafetyFormValues {
  outcome: string;
  note: string;
  confirm: boolean;
}

/** Field ids in the page, in the order the form shows them, for the error summary's links. */
export const SAFETY_FIELD_IDS = {
  outcome: 'safety-outcome-reached',
  confirm: 'safety-confirm',
  note: 'safety-note',
};

/** What was typed, whatever it was, to show again: anything not a string reads as empty. */
const TypedValues = z.object({
  outcome: z.string().catch(''),
  note: z.string().catch(''),
  confirm: z.string().catch(''),
});

export function parseSafetyOutcome(
  body: unknown,
):
  | { ok: true; value: { outcome: SafetyOutcome; note: string } }
  | { ok: false; values: SafetyFormValues; errors: { field: string; message: string }[] } {
  const parsed = SafetyOutcomeForm.safeParse(body ?? {});
  if (parsed.success) return { ok: true, value: { outcome: parsed.data.outcome, note: parsed.data.note } };
  const typed = TypedValues.catch({ outcome: '', note: '', confirm: '' }).parse(body ?? {});
  const order = ['outcome', 'confirm', 'note'] as const;
  const errors = order.flatMap((name) => {
    const issue = parsed.error.issues.find((i) => i.path[0] === name);
    return issue ? [{ field: SAFETY_FIELD_IDS[name], message: issue.message }] : [];
  });
  // A body that is not a form at all still gets a message to act on.
  if (errors.length === 0) errors.push({ field: SAFETY_FIELD_IDS.outcome, message: 'Choose what happened.' });
  return { ok: false, values: { ...typed, confirm: typed.confirm === 'yes' }, errors };
}
