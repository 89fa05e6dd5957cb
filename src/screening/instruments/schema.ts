import { z } from 'zod';
import { TreatmentId } from '../../platform/config/treatments.js';

/**
 * The shape of a definition file in `definitions/`. Every file is checked against these schemas when it is
 * loaded, including the rules that tie its parts together (groups cover every item once, bands cover the
 * whole score range, the declared range matches the items), so a broken definition fails at boot and never
 * reaches a person.
 */

const Id = z
  .string({ error: 'must be text such as "phq-9"' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, such as "phq-9"');
const Text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
const Loinc = z
  .string({ error: 'must be a LOINC code' })
  .regex(/^\d{1,7}-\d$/, 'must be a LOINC code such as 44261-6');
const LoincAnswer = z.string().regex(/^LA\d{1,7}-\d$/, 'must be a LOINC answer code such as LA6568-5');
const Score = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0);

export const Citation = z.strictObject({
  citation: Text,
  url: z.url({ protocol: /^https$/, error: 'must be an https:// link' }).optional(),
});
export type Citation = z.infer<typeof Citation>;

export const Terms = z.strictObject({
  /** The licence or permission, in Haven's own words. */
  summary: Text,
  /** Where that permission is stated. */
  from: Text,
});
export type Terms = z.infer<typeof Terms>;

export const AnswerOption = z.strictObject({ value: Score, display: Text, loinc: LoincAnswer.optional() });
export type AnswerOption = z.infer<typeof AnswerOption>;

export const InstrumentItem = z.strictObject({
  linkId: Id,
  text: Text,
  loinc: Loinc.optional(),
  /** Names the entry of `answerSets` whose options this item offers. */
  answerSet: Id,
  /** Counts toward the total. An unscored item (PHQ-9 "how difficult") is asked but never added up. */
  scored: z.boolean().default(true),
  /** Must be answered before its page can be saved. */
  required: z.boolean().default(true),
  /** Read after the instrument's stem; false when the text is a whole question of its own. */
  usesStem: z.boolean().default(true),
  /** A safety item: any answer above `itemAbove` must raise the crisis path, whatever the total. */
  safety: z.strictObject({ itemAbove: Score, reason: Text }).optional(),
});
export type InstrumentItem = z.infer<typeof InstrumentItem>;

export const Group = z.strictObject({ id: Id, items: z.array(Id).min(1, 'must list at least one item') });
export type Group = z.infer<typeof Group>;

export const Outcome = z.strictObject({ id: Id, label: Text, meaning: Text });
export type Outcome = z.infer<typeof Outcome>;

export const Band = Outcome.extend({ min: Score, max: Score });
export type Band = z.infer<typeof Band>;

export const Cluster = z.strictObject({ id: z.string().min(1), label: Text, items: z.array(Id).min(1) });
export type Cluster = z.infer<typeof Cluster>;

export const ProbableRule = z.strictObject({
  /** The clinic may choose the cut-off between `min` and `max`; `default` applies otherwise. */
  cutoff: z.strictObject({ default: Score, min: Score, max: Score }),
  atOrAbove: Outcome,
  below: Outcome,
});
export type ProbableRule = z.infer<typeof ProbableRule>;

export const MISSING_RULES = ['all-scored-items-required'] as const;

export const Instrument = z
  .strictObject({
    kind: z.literal('instrument'),
    id: Id,
    /** Haven's version of this definition, stored with every response. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0'),
    /** The published form and edition whose wording is reproduced. */
    edition: Text,
    /** Any change made for a screen instead of paper, stated openly. */
    adaptations: z.array(Text).optional(),
    title: Text,
    shortTitle: Text,
    intro: Text,
    instructions: Text.optional(),
    stem: Text,
    loinc: z.strictObject({ panel: Loinc, total: Loinc }).optional(),
    answerSets: z.record(z.string(), z.array(AnswerOption).min(2, 'must offer at least two answers')),
    items: z.array(InstrumentItem).min(1),
    groups: z.array(Group).min(1),
    scoring: z.strictObject({
      method: z.literal('sum'),
      total: z.strictObject({ min: Score, max: Score }),
      note: Text,
      clusters: z.array(Cluster).optional(),
      probable: ProbableRule.optional(),
    }),
    bands: z.array(Band).optional(),
    missing: z.strictObject({ rule: z.enum(MISSING_RULES), text: Text }),
    source: Citation,
    references: z.array(Citation).optional(),
    terms: Terms,
  })
  .superRefine((instrument, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const items = new Map(instrument.items.map((item) => [item.linkId, item]));
    if (items.size !== instrument.items.length) issue(['items'], 'every linkId must be unique');

    let min = 0;
    let max = 0;
    instrument.items.forEach((item, index) => {
      const options = instrument.answerSets[item.answerSet];
      if (!options) {
        issue(['items', index, 'answerSet'], `names "${item.answerSet}", which is not in answerSets`);
        return;
      }
      const values = options.map((option) => option.value);
      if (item.scored) {
        min += Math.min(...values);
        max += Math.max(...values);
      }
      if (item.safety && item.safety.itemAbove >= Math.max(...values))
        issue(
          ['items', index, 'safety', 'itemAbove'],
          'must be below the highest answer, or no answer could flag',
        );
    });
    for (const [name, options] of Object.entries(instrument.answerSets)) {
      if (new Set(options.map((option) => option.value)).size !== options.length)
        issue(['answerSets', name], 'answer values must be unique');
    }

    const placed = new Map<string, string>();
    instrument.groups.forEach((group, index) => {
      for (const linkId of group.items) {
        if (!items.has(linkId)) issue(['groups', index, 'items'], `names "${linkId}", which is not an item`);
        else if (placed.has(linkId))
          issue(['groups', index, 'items'], `"${linkId}" is already on another page`);
        placed.set(linkId, group.id);
      }
    });
    for (const linkId of items.keys())
      if (!placed.has(linkId)) issue(['groups'], `item "${linkId}" is on no page`);
    if (new Set(instrument.groups.map((group) => group.id)).size !== instrument.groups.length)
      issue(['groups'], 'every group id must be unique');

    const { total, clusters, probable } = instrument.scoring;
    if (total.min !== min || total.max !== max)
      issue(['scoring', 'total'], `must be ${min}–${max}, the range the scored items add up to`);

    const clustered = new Set<string>();
    clusters?.forEach((cluster, index) => {
      for (const linkId of cluster.items) {
        if (!items.get(linkId)?.scored)
          issue(['scoring', 'clusters', index, 'items'], `"${linkId}" is not a scored item`);
        if (clustered.has(linkId))
          issue(['scoring', 'clusters', index, 'items'], `"${linkId}" is in two clusters`);
        clustered.add(linkId);
      }
    });

    if (probable) {
      const { cutoff } = probable;
      if (!(cutoff.min <= cutoff.default && cutoff.default <= cutoff.max))
        issue(['scoring', 'probable', 'cutoff'], 'default must lie between min and max');
      if (cutoff.min < total.min || cutoff.max > total.max)
        issue(['scoring', 'probable', 'cutoff'], 'must lie within the total range');
    }

    const bands = instrument.bands;
    if (!bands && !probable) issue(['bands'], 'an instrument needs severity bands or a probable cut-off');
    if (bands) {
      if (new Set(bands.map((band) => band.id)).size !== bands.length)
        issue(['bands'], 'every band id must be unique');
      let expected = total.min;
      bands.forEach((band, index) => {
        if (band.min !== expected)
          issue(['bands', index, 'min'], `must be ${expected}, so bands leave no gap`);
        if (band.max < band.min) issue(['bands', index, 'max'], 'must not be below min');
        expected = band.max + 1;
      });
      if (expected !== total.max + 1) issue(['bands'], `the last band must end at ${total.max}`);
    }
  });
export type Instrument = z.infer<typeof Instrument>;

export const ChecklistItem = z.strictObject({
  linkId: Id,
  /** The question as the person reads it: plain words, never a verdict. */
  text: Text,
  /** Why a "yes" matters, for the clinician. */
  reason: Text,
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Checklist = z
  .strictObject({
    kind: z.literal('checklist'),
    id: Id,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0'),
    /** The clinic-profile treatment id it checks for (clinic.treatments). */
    treatment: TreatmentId,
    title: Text,
    intro: Text,
    items: z.array(ChecklistItem).min(1),
    groups: z.array(Group).min(1),
    source: Citation,
    references: z.array(Citation).optional(),
    terms: Terms,
  })
  .superRefine((checklist, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const ids = new Set(checklist.items.map((item) => item.linkId));
    if (ids.size !== checklist.items.length) issue(['items'], 'every linkId must be unique');
    const placed = new Set<string>();
    checklist.groups.forEach((group, index) => {
      for (const linkId of group.items) {
        if (!ids.has(linkId)) issue(['groups', index, 'items'], `names "${linkId}", which is not an item`);
        else if (placed.has(linkId))
          issue(['groups', index, 'items'], `"${linkId}" is already on another page`);
        placed.add(linkId);
      }
    });
    for (const linkId of ids) if (!placed.has(linkId)) issue(['groups'], `item "${linkId}" is on no page`);
  });
export type Checklist = z.infer<typeof Checklist>;
