import { z } from 'zod';

/**
 * The treatments a clinic offers are data in its profile (issue 14): the request form's choices, the
 * inbox's filter, the home page, the navigation, the locations page and the screening's checklists all
 * read `clinic.treatments`, so a clinic that offers only TMS never shows ketamine anywhere.
 */

/** Lower-case words joined by hyphens; "not_sure" (the form's "Not sure yet") can never collide with one. */
export const TreatmentId = z
  .string({ error: 'must be a treatment id such as "tms"' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as "tms"');

export const TreatmentDescription = z.strictObject({
  id: TreatmentId,
  /** The full name, as a heading or a list entry says it: "Transcranial magnetic stimulation (TMS)". */
  name: z.string().trim().min(1, 'must not be empty'),
  /** The short name the site's navigation uses: "TMS". */
  shortName: z.string().trim().min(1, 'must not be empty'),
  /** How the request form offers it, in the person's words: "TMS (transcranial magnetic stimulation)". */
  choiceLabel: z.string().trim().min(1, 'must not be empty'),
  /** The page that explains it, such as "/treatments/tms". */
  page: z.string().regex(/^\/treatments\/[a-z0-9-]+$/, 'must be a page such as "/treatments/tms"'),
  /** Two or three plain sentences for the home page. */
  summary: z.string().trim().min(1, 'must not be empty'),
});
export type TreatmentDescription = z.infer<typeof TreatmentDescription>;

/** What the request form stores when the person has not chosen: it is no treatment of any clinic. */
export const NOT_SURE = 'not_sure';

/** Haven's own descriptions, used when a clinic profile does not describe its treatments itself. */
export const DEFAULT_TREATMENTS: readonly TreatmentDescription[] = [
  {
    id: 'ketamine',
    name: 'Ketamine infusion therapy',
    shortName: 'Ketamine',
    choiceLabel: 'Ketamine infusions',
    page: '/treatments/ketamine-infusion-therapy',
    summary:
      'A low dose of ketamine given slowly through a vein while you rest, with staff watching over you. Some people feel better within hours or days. It is given as a series of visits.',
  },
  {
    id: 'tms',
    name: 'Transcranial magnetic stimulation (TMS)',
    shortName: 'TMS',
    choiceLabel: 'TMS (transcranial magnetic stimulation)',
    page: '/treatments/tms',
    summary:
      'Magnetic pulses from a coil held against your head stimulate the part of the brain that helps control mood. You stay awake, need no anesthesia, and can drive yourself home.',
  },
];

/** The treatment a stored id names, or undefined for "not sure" and ids the clinic no longer offers. */
export function findTreatment(
  treatments: readonly TreatmentDescription[],
  id: string,
): TreatmentDescription | undefined {
  return treatments.find((treatment) => treatment.id === id);
}
