import type { ScreeningProvenance } from '../review.js';

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );

/**
 * Which link a response came through, when it was made and by whom (decision 017), so a clinician can
 * tell a link made after the person had already answered.
 */
export function Provenance({ source, timeZone }: { source: ScreeningProvenance; timeZone: string }) {
  return (
    <>
      <p class="fine-print">
        Answered through link {source.invitationId.slice(-8)}, made{' '}
        {source.createdBy === null
          ? 'by the request form for the browser that sent it'
          : `by ${source.createdBy}`}{' '}
        on {when(source.createdAt, timeZone)}.
      </p>
      {source.afterSubmission ? (
        <p class="notice notice-urgent">
          This link was made after the person had already sent their answers: check with them that these
          answers are theirs.
        </p>
      ) : null}
    </>
  );
}
