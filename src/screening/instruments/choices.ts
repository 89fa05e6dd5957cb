/**
 * Turns raw form values into checked answers, for questionnaires and checklists alike. Every problem becomes
 * a message for the person, next to its question, saying what to do.
 */

export interface AnswerError {
  linkId: string;
  message: string;
}

/**
 * On failure, `answers` still holds the values that were valid, so a safety item (PHQ-9 item 9) can raise
 * the crisis path even when another question on its page was left blank. Never store a failed page.
 */
export type AnswersResult<V> =
  | { ok: true; answers: Record<string, V> }
  | { ok: false; errors: AnswerError[]; answers: Record<string, V> };

export interface ChoiceQuestion<V> {
  linkId: string;
  text: string;
  required: boolean;
  options: readonly { value: V; display: string }[];
}

/**
 * The question's text for use inside a message: whole if short, otherwise its first clause (up to "?",
 * " — " or " ("), or failing that cut at a word boundary.
 */
export function quoteQuestion(text: string, limit = 80): string {
  const plain = text.trim().replace(/[?:.]+$/, '');
  if (plain.length <= limit) return `“${plain}”`;
  const clause = plain.search(/\?\s|\s[—–]\s|\s\(/);
  if (clause >= 15 && clause <= limit) return `“${plain.slice(0, clause)}…”`;
  const cut = plain.slice(0, limit);
  return `“${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;—–-]+$/, '')}…”`;
}

function listChoices(displays: string[]): string {
  if (displays.length <= 1) return displays.join('');
  return `${displays.slice(0, -1).join(', ')} or ${displays.at(-1)}`;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Checks `raw` against `questions`, or only the questions named in `scope` (one page). A key that is not a
 * question in scope is an error; so is a required question left blank, or a value that is not one of the
 * question's answers. A scope naming an unknown question is a programming error and throws.
 */
export function validateChoices<V extends string | number>(
  questions: readonly ChoiceQuestion<V>[],
  raw: Record<string, unknown>,
  scope: readonly string[] | undefined,
  formName: string,
): AnswersResult<V> {
  const byId = new Map(questions.map((question) => [question.linkId, question]));
  const inScope = scope
    ? scope.map((linkId) => {
        const question = byId.get(linkId);
        if (!question) throw new Error(`${formName} has no question "${linkId}"`);
        return question;
      })
    : questions;
  const scopeIds = new Set(inScope.map((question) => question.linkId));

  const unknown: AnswerError[] = [];
  for (const key of Object.keys(raw)) {
    if (scopeIds.has(key)) continue;
    const elsewhere = byId.get(key);
    unknown.push({
      linkId: key,
      message: elsewhere
        ? `The question ${quoteQuestion(elsewhere.text)} is not on this page; answer it on its own page.`
        : 'This answer does not belong to any question on this form.',
    });
  }

  const errors: AnswerError[] = [];
  const answers: Record<string, V> = {};
  for (const question of inScope) {
    const value = raw[question.linkId];
    if (isBlank(value)) {
      if (question.required)
        errors.push({
          linkId: question.linkId,
          message: `Choose an answer to ${quoteQuestion(question.text)}.`,
        });
      continue;
    }
    const given = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : null;
    const option =
      given === null ? undefined : question.options.find((choice) => String(choice.value) === given);
    if (!option) {
      const choices = listChoices(question.options.map((choice) => `“${choice.display}”`));
      errors.push({
        linkId: question.linkId,
        message: Array.isArray(value)
          ? `Choose only one answer to ${quoteQuestion(question.text)}: ${choices}.`
          : `Choose one of the answers to ${quoteQuestion(question.text)}: ${choices}.`,
      });
      continue;
    }
    answers[question.linkId] = option.value;
  }
  errors.push(...unknown);
  return errors.length > 0 ? { ok: false, errors, answers } : { ok: true, answers };
}
