import { NOT_SURE } from '../platform/config/treatments.js';
import {
  CHECKLIST_ANSWERS,
  type Checklist,
  type Instrument,
  safetyHits,
  validateAnswers,
  validateChecklistAnswers,
} from './instruments/index.js';
import { sectionTitles } from './messages.js';

/**
 * What the person fills in, one section at a time: a questionnaire or a treatment safety checklist, both
 * shown the same way (one group of questions per screen) whatever their definition's shape.
 */

export interface SectionQuestion {
  linkId: string;
  text: string;
  options: { value: string; display: string }[];
}

export interface Section {
  id: string;
  version: string;
  kind: 'instrument' | 'checklist';
  /** The plain title the person reads (messages.ts), not the instrument's name. */
  title: string;
  /** The published name a person may know (PHQ-9), shown small; null for Haven's own checklists. */
  standardName: string | null;
  /** Every question the person is shown, required or not. */
  questionCount: number;
  intro: string;
  /** Read before each question ("Over the last 2 weeks, how often…"). */
  stem: string | null;
  groups: { id: string; items: string[] }[];
  /** Items that must be answered for the section to count as done. */
  required: ReadonlySet<string>;
  question(linkId: string): SectionQuestion;
  /** On failure, `answers` holds the page's valid answers (a safety answer must count even then). */
  validate(
    raw: Record<string, unknown>,
    itemIds: string[],
  ):
    | { ok: true; answers: Record<string, number | string> }
    | { ok: false; errors: { linkId: string; message: string }[]; answers?: Record<string, number | string> };
  /** True when the answers so far must raise the crisis path (PHQ-9 item 9 above 0). */
  raisesSafety(answers: Record<string, number | string>): boolean;
  /** The items whose answer raised it, for choosing when to show the support page. */
  safetyItems: string[];
}

/** Seconds a person takes per multiple-choice question on a phone, reading included: the one estimate. */
const SECONDS_PER_QUESTION = 12;

/** "About N minutes" for a section, whole minutes rounded up, never less than one. */
export const estimatedMinutes = (questions: number) =>
  Math.max(1, Math.ceil((questions * SECONDS_PER_QUESTION) / 60));

export function instrumentSection(instrument: Instrument): Section {
  const items = new Map(instrument.items.map((item) => [item.linkId, item]));
  return {
    id: instrument.id,
    version: instrument.version,
    kind: 'instrument',
    title: sectionTitles[instrument.id] ?? instrument.title,
    standardName: instrument.shortTitle,
    questionCount: instrument.items.length,
    intro: instrument.intro,
    stem: instrument.stem,
    groups: instrument.groups,
    required: new Set(instrument.items.filter((item) => item.required).map((item) => item.linkId)),
    question(linkId) {
      const item = items.get(linkId)!;
      return {
        linkId,
        text: item.text,
        options: instrument.answerSets[item.answerSet]!.map((option) => ({
          value: String(option.value),
          display: option.display,
        })),
      };
    },
    validate: (raw, itemIds) => validateAnswers(instrument, raw, itemIds),
    raisesSafety: (answers) =>
      safetyHits(
        instrument,
        Object.fromEntries(
          Object.entries(answers).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
        ),
      ).length > 0,
    safetyItems: instrument.items.filter((item) => item.safety).map((item) => item.linkId),
  };
}

export function checklistSection(checklist: Checklist): Section {
  const items = new Map(checklist.items.map((item) => [item.linkId, item]));
  return {
    id: checklist.id,
    version: checklist.version,
    kind: 'checklist',
    title: sectionTitles[checklist.id] ?? checklist.title,
    standardName: null,
    questionCount: checklist.items.length,
    intro: checklist.intro,
    stem: null,
    groups: checklist.groups,
    required: new Set(checklist.items.map((item) => item.linkId)),
    question: (linkId) => ({
      linkId,
      text: items.get(linkId)!.text,
      options: CHECKLIST_ANSWERS.map((answer) => ({ value: answer.value, display: answer.display })),
    }),
    validate: (raw, itemIds) => validateChecklistAnswers(checklist, raw, itemIds),
    raisesSafety: () => false,
    safetyItems: [],
  };
}

/**
 * The sections for one request: PHQ-9 and GAD-7 for everyone, PCL-5 when an adult mentioned PTSD (it is
 * validated for adults only, so never for someone under 18 or of unknown age at a clinic that sees young
 * people), and the checklist of each treatment in question: the one chosen, or every one the clinic offers
 * for a person not sure yet.
 */
export function planFor(
  profile: { treatment: string; concerns: string[]; adult: boolean },
  offeredTreatments: readonly string[],
  instruments: ReadonlyMap<string, Instrument>,
  checklists: ReadonlyMap<string, Checklist>,
): Section[] {
  const plan: Section[] = [];
  const add = (id: string) => {
    const instrument = instruments.get(id);
    if (instrument) plan.push(instrumentSection(instrument));
  };
  add('phq-9');
  add('gad-7');
  if (profile.concerns.includes('ptsd') && profile.adult) add('pcl-5');
  for (const checklist of checklists.values()) {
    const inQuestion =
      profile.treatment === NOT_SURE
        ? offeredTreatments.includes(checklist.treatment)
        : profile.treatment === checklist.treatment;
    if (inQuestion) plan.push(checklistSection(checklist));
  }
  return plan;
}
