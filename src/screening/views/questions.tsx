import { ErrorSummary } from '../../web/components/form.js';
import { notMonitored } from '../../web/messages.js';
import { screeningMessages as m } from '../messages.js';
import { estimatedMinutes, type Section } from '../sections.js';

/** Where the person is: "Section 2 of 4", and a progress bar of the sections already done. */
export function PlanProgressBar({
  position,
  completed,
  total,
}: {
  position: number | null;
  completed: number;
  total: number;
}) {
  return (
    <div class="screening-progress">
      {position === null ? null : <p class="screening-position">{m.position(position, total)}</p>}
      <label for="screening-progress" class="fine-print">
        {m.sectionsDone(completed, total)}
      </label>
      <progress id="screening-progress" max={total} value={completed}>
        {m.sectionsDone(completed, total)}
      </progress>
    </div>
  );
}

export const sectionSize = (section: Section) =>
  m.sectionSize(section.questionCount, estimatedMinutes(section.questionCount));

/**
 * One page of questions. Each answer is a large card: the whole card is the label of a native radio, so a
 * tap anywhere on it chooses it, arrows move between answers, and it works without script.
 */
export function GroupPage({
  section,
  groupIndex,
  items,
  answers,
  errors,
  formToken,
  progress,
  final,
  answeredBefore = false,
}: {
  section: Section;
  groupIndex: number;
  /** The questions to show: the page's, or only those left blank after the crisis panel. */
  items: string[];
  /** Only what was typed in the form just sent: saved answers are never shown again (decision 017). */
  answers: Record<string, number | string>;
  errors: { linkId: string; message: string }[];
  formToken: string;
  progress: { position: number; completed: number; total: number };
  /** The last page left: its button sends everything to the clinic. */
  final: boolean;
  answeredBefore?: boolean;
}) {
  const group = section.groups[groupIndex]!;
  const partial = items.length < group.items.length;
  const errorFor = (linkId: string) => errors.find((error) => error.linkId === linkId)?.message;
  return (
    <div class="prose screening">
      <PlanProgressBar {...progress} />
      <h1>{section.title}</h1>
      <p class="section-size">
        {sectionSize(section)}
        {section.groups.length > 1 ? <span>. {m.part(groupIndex + 1, section.groups.length)}</span> : null}
      </p>
      {groupIndex === 0 ? <p>{section.intro}</p> : null}
      {groupIndex === 0 ? <p class="notice">{notMonitored}</p> : null}
      {section.stem ? <p class="lead">{section.stem}</p> : null}
      <ErrorSummary
        title={m.errorTitle}
        errors={errors.map((error) => ({ field: `${error.linkId}-0`, message: error.message }))}
      />
      {partial ? <p>{m.leftBlank}</p> : answeredBefore ? <p>{m.answeredBefore}</p> : null}
      <form method="post" action="/screening/questions" novalidate>
        <input type="hidden" name="_csrf" value={formToken} />
        <input type="hidden" name="_section" value={section.id} />
        <input type="hidden" name="_group" value={group.id} />
        {items.map((linkId) => {
          const question = section.question(linkId);
          const error = errorFor(linkId);
          return (
            <fieldset class={error ? 'field question field-error' : 'field question'} key={linkId}>
              <legend>{question.text}</legend>
              {error ? (
                <p class="error-message" id={`${linkId}-error`}>
                  <span class="visually-hidden">Error: </span>
                  {error}
                </p>
              ) : null}
              <div class="answer-cards">
                {question.options.map((option, index) => (
                  <label class="answer-card" key={option.value}>
                    <input
                      type="radio"
                      id={`${linkId}-${index}`}
                      name={linkId}
                      value={option.value}
                      checked={String(answers[linkId] ?? '') === option.value}
                      aria-describedby={error ? `${linkId}-error` : undefined}
                    />
                    <span>{option.display}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        {final ? <p class="hint">{m.sendHint}</p> : null}
        <button type="submit" id={final ? 'send-answers' : undefined}>
          {final ? m.send : m.saveAndContinue}
        </button>
      </form>
      <p>
        <a href="/screening">Back to all questions</a>
      </p>
    </div>
  );
}
