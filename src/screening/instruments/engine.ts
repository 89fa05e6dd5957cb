import { type AnswersResult, type ChoiceQuestion, validateChoices } from './choices.js';
import type { Instrument, InstrumentItem, Outcome } from './schema.js';

/**
 * The generic questionnaire engine: checks answers page by page and scores a response exactly as its
 * definition says. Pure functions of (definition, answers); no I/O.
 */

/** Checked answers: each item's numeric value, by linkId. */
export type Answers = Record<string, number>;
export type ValidateAnswersResult = AnswersResult<number>;

export interface SafetyHit {
  linkId: string;
  value: number;
}

export interface ScoreResult {
  /** True only when every scored item is answered (the `all-scored-items-required` rule). */
  complete: boolean;
  /** Sum of the scored items; null when incomplete. */
  total: number | null;
  /** The severity band, or for an instrument without bands the cut-off outcome; null when incomplete. */
  band: Outcome | null;
  /** Each cluster's sum, for instruments with clusters, when complete. */
  clusters?: Record<string, number>;
  /** At or above the cut-off, for instruments with one, when complete. */
  probable?: boolean;
  /** Every safety item answered above its threshold. Checked even when the response is incomplete. */
  safety: SafetyHit[];
  /** Scored items not yet answered, in the instrument's order. */
  missing: string[];
}

export interface ScoreOptions {
  /** The clinic's cut-off for the instrument's "probable" rule; must lie in the range the definition allows. */
  probableCutoff?: number;
}

function optionsOf(instrument: Instrument, item: InstrumentItem) {
  // The schema guarantees every answerSet exists.
  return instrument.answerSets[item.answerSet]!;
}

function questionsOf(instrument: Instrument): ChoiceQuestion<number>[] {
  return instrument.items.map((item) => ({
    linkId: item.linkId,
    text: item.text,
    required: item.required,
    options: optionsOf(instrument, item),
  }));
}

/**
 * Checks raw form values (strings) for the whole instrument, or only for `itemIds` (one page), so a page
 * can be saved on its own. Unanswered required items, values that are not one of the item's answers and
 * keys that are not items on the page are errors, each with a message for the person.
 */
export function validateAnswers(
  instrument: Instrument,
  raw: Record<string, unknown>,
  itemIds?: readonly string[],
): ValidateAnswersResult {
  return validateChoices(questionsOf(instrument), raw, itemIds, instrument.id);
}

/** The linkIds on one page (group) of the instrument; throws for an unknown group id. */
export function groupItems(instrument: Pick<Instrument, 'id' | 'groups'>, groupId: string): string[] {
  const group = instrument.groups.find((candidate) => candidate.id === groupId);
  if (!group) throw new Error(`${instrument.id} has no group "${groupId}"`);
  return [...group.items];
}

/** The cut-off to use, checked against the range the definition allows. Throws RangeError otherwise. */
export function probableCutoff(instrument: Instrument, requested?: number): number | null {
  const rule = instrument.scoring.probable;
  if (!rule) {
    if (requested !== undefined) throw new RangeError(`${instrument.id} has no cut-off to configure`);
    return null;
  }
  const cutoff = requested ?? rule.cutoff.default;
  if (!Number.isInteger(cutoff) || cutoff < rule.cutoff.min || cutoff > rule.cutoff.max)
    throw new RangeError(
      `${instrument.id} cut-off must be a whole number from ${rule.cutoff.min} to ${rule.cutoff.max}, not ${cutoff}`,
    );
  return cutoff;
}

/** Checks stored answers against the definition; a mismatch means corrupt data or the wrong version. */
function assertKnownAnswers(instrument: Instrument, answers: Answers): void {
  const items = new Map(instrument.items.map((item) => [item.linkId, item]));
  for (const [linkId, value] of Object.entries(answers)) {
    const item = items.get(linkId);
    if (!item) throw new Error(`${instrument.id}@${instrument.version} has no item "${linkId}"`);
    if (!optionsOf(instrument, item).some((option) => option.value === value))
      throw new Error(`${instrument.id}@${instrument.version}: ${value} is not an answer to "${linkId}"`);
  }
}

/** Safety items answered above their threshold; works on any subset of answers. */
export function safetyHits(instrument: Instrument, answers: Answers): SafetyHit[] {
  const hits: SafetyHit[] = [];
  for (const item of instrument.items) {
    const value = answers[item.linkId];
    if (item.safety && value !== undefined && value > item.safety.itemAbove)
      hits.push({ linkId: item.linkId, value });
  }
  return hits;
}

/**
 * Scores checked answers (from `validateAnswers`, or stored ones). Follows the definition's missing-answer
 * rule: an incomplete response gets no total, band, clusters or cut-off result, never a partial sum
 * presented as a score. Safety items are checked whatever else is missing. Throws if an answer is not
 * one the definition allows, or if `probableCutoff` is outside the allowed range.
 */
export function score(instrument: Instrument, answers: Answers, options: ScoreOptions = {}): ScoreResult {
  assertKnownAnswers(instrument, answers);
  const cutoff = probableCutoff(instrument, options.probableCutoff);
  const safety = safetyHits(instrument, answers);
  const scored = instrument.items.filter((item) => item.scored);
  const missing = scored.filter((item) => answers[item.linkId] === undefined).map((item) => item.linkId);

  switch (instrument.missing.rule) {
    case 'all-scored-items-required':
      if (missing.length > 0) return { complete: false, total: null, band: null, safety, missing };
  }

  const sumOf = (linkIds: readonly string[]) =>
    linkIds.reduce((sum, linkId) => sum + (answers[linkId] ?? 0), 0);
  const total = sumOf(scored.map((item) => item.linkId));
  const result: ScoreResult = { complete: true, total, band: null, safety, missing };

  const rule = instrument.scoring.probable;
  if (rule && cutoff !== null) result.probable = total >= cutoff;

  const band = instrument.bands?.find((candidate) => candidate.min <= total && total <= candidate.max);
  if (band) result.band = { id: band.id, label: band.label, meaning: band.meaning };
  else if (rule) result.band = { ...(result.probable ? rule.atOrAbove : rule.below) };
  if (!result.band) throw new Error(`${instrument.id}: no band covers a total of ${total}`);

  const clusters = instrument.scoring.clusters;
  if (clusters)
    result.clusters = Object.fromEntries(clusters.map((cluster) => [cluster.id, sumOf(cluster.items)]));
  return result;
}
