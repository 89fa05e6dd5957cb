/**
 * Screening instruments (PHQ-9, GAD-7, PCL-5) and treatment safety checklists: definitions as data in
 * `definitions/`, and the pure engine that loads, checks and scores them. See README.md for the terms.
 */
export {
  CHECKLIST_ANSWERS,
  type ChecklistAnswer,
  type ChecklistAnswers,
  type ChecklistFinding,
  type ChecklistReview,
  checklistReview,
  checklistYesItems,
  type ValidateChecklistResult,
  validateChecklistAnswers,
} from './checklist.js';
export type { AnswerError, AnswersResult } from './choices.js';
export {
  type Answers,
  groupItems,
  probableCutoff,
  type SafetyHit,
  type ScoreOptions,
  type ScoreResult,
  safetyHits,
  score,
  type ValidateAnswersResult,
  validateAnswers,
} from './engine.js';
export {
  DEFINITIONS_DIRECTORY,
  DefinitionError,
  loadChecklists,
  loadInstruments,
  parseChecklist,
  parseInstrument,
} from './load.js';
export {
  AnswerOption,
  Band,
  Checklist,
  ChecklistItem,
  Citation,
  Cluster,
  Group,
  Instrument,
  InstrumentItem,
  MISSING_RULES,
  Outcome,
  ProbableRule,
  Terms,
} from './schema.js';
