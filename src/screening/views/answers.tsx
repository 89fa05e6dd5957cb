import {
  type Checklist,
  checklistReview,
  type Instrument,
  probableCutoff,
  score,
} from '../instruments/index.js';
import type { ScreeningAnswers } from '../review.js';
import { Provenance } from './provenance.js';

/** For clinicians only: each questionnaire's score, band and meaning, every answer, and the source. */
export function AnswersPage({
  requestId,
  responses,
  instruments,
  checklists,
  probableCutoffs,
  timeZone,
}: {
  requestId: string;
  timeZone: string;
  responses: ScreeningAnswers[];
  instruments: ReadonlyMap<string, Instrument>;
  checklists: ReadonlyMap<string, Checklist>;
  /** The clinic's cut-off by instrument id; an instrument not named uses its definition's default. */
  probableCutoffs: Readonly<Record<string, number>>;
}) {
  return (
    <>
      <p>
        <a href={`/staff/requests/${requestId}`}>Back to the request</a>
      </p>
      <h1>Screening answers</h1>
      <p>Screening results are information for your assessment, not a diagnosis.</p>
      {responses.length === 0 ? <p>No answers yet.</p> : null}
      {responses.map((response, index) => {
        const key = `${response.source.invitationId}-${response.instrument}`;
        const heading = `h-${response.instrument}-${index}`;
        const source = <Provenance source={response.source} timeZone={timeZone} />;
        const instrument = instruments.get(response.instrument);
        if (instrument) {
          const numeric = Object.fromEntries(
            Object.entries(response.answers).filter(
              (entry): entry is [string, number] => typeof entry[1] === 'number',
            ),
          );
          const chosen = probableCutoffs[instrument.id];
          const result = score(instrument, numeric, { probableCutoff: chosen });
          const cutoff = probableCutoff(instrument, chosen);
          // Without bands the outcome is the cut-off's, so the clinician sees which cut-off applied.
          const cutoffNote = !instrument.bands && cutoff !== null ? ` (cut-off ${cutoff})` : '';
          return (
            <section key={key} aria-labelledby={heading}>
              <h2 id={heading}>{instrument.title}</h2>
              {source}
              {result.safety.length > 0 ? (
                <p class="notice notice-urgent">
                  Safety item answered above{' '}
                  {instrument.items.find((i) => i.linkId === result.safety[0]!.linkId)?.safety?.itemAbove ??
                    0}
                  :{' '}
                  {result.safety
                    .map((hit) => {
                      // The question as the person read it, never its internal id (issue 13).
                      const item = instrument.items.find((i) => i.linkId === hit.linkId);
                      const answer = item
                        ? instrument.answerSets[item.answerSet]?.find((o) => o.value === hit.value)
                        : undefined;
                      return `“${item?.text ?? 'a safety question'}”: ${answer ? `${answer.display} (${hit.value})` : hit.value}`;
                    })
                    .join('; ')}
                </p>
              ) : null}
              {result.complete ? (
                <p>
                  <strong>
                    Total {result.total} of {instrument.scoring.total.max}
                    {result.band ? `: ${result.band.label}${cutoffNote}` : ''}
                  </strong>
                  {result.band ? `. ${result.band.meaning}` : ''}
                </p>
              ) : (
                <p>Not complete: {result.missing.length} question(s) unanswered, so no total is given.</p>
              )}
              {result.clusters ? (
                <p>
                  Clusters:{' '}
                  {Object.entries(result.clusters)
                    .map(
                      ([id, sum]) =>
                        `${instrument.scoring.clusters?.find((c) => c.id === id)?.label ?? id} ${sum}`,
                    )
                    .join('; ')}
                </p>
              ) : null}
              <table class="data">
                <caption class="visually-hidden">{instrument.shortTitle} answers</caption>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Answer</th>
                  </tr>
                </thead>
                <tbody>
                  {instrument.items.map((item) => {
                    const value = response.answers[item.linkId];
                    const option = instrument.answerSets[item.answerSet]?.find((o) => o.value === value);
                    return (
                      <tr key={item.linkId}>
                        <td>{item.text}</td>
                        <td>{option ? `${option.display} (${option.value})` : 'not answered'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p class="fine-print">
                Version {response.version}. Source: {instrument.source.citation}
              </p>
            </section>
          );
        }
        const checklist = checklists.get(response.instrument);
        if (!checklist) return null;
        const review = checklistReview(
          checklist,
          response.answers as Record<string, 'yes' | 'no' | 'not-sure'>,
        );
        return (
          <section key={key} aria-labelledby={heading}>
            <h2 id={heading}>{checklist.title}</h2>
            {source}
            {review.yes.length + review.notSure.length === 0 ? (
              <p>Nothing answered “yes” or “not sure”.</p>
            ) : null}
            <ul>
              {[
                ...review.yes.map((f) => ({ ...f, answer: 'Yes' })),
                ...review.notSure.map((f) => ({ ...f, answer: 'Not sure' })),
              ].map((finding) => (
                <li key={finding.linkId}>
                  <strong>{finding.answer}:</strong> {finding.text}{' '}
                  <span class="hint">({finding.reason})</span>
                </li>
              ))}
            </ul>
            {review.unanswered.length > 0 ? (
              <p>{review.unanswered.length} question(s) not answered yet.</p>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
