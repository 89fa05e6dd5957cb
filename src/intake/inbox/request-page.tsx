import type { ComponentChildren } from 'preact';
import type { ClinicProfile } from '../../platform/config/clinic.js';
import { intakeMessages as m } from '../messages.js';
import { statusLabel, treatmentLabel, when } from './format.js';
import type { RequestDetail } from './inbox.js';
import { CALL_OUTCOMES, STATUS_LABELS, STATUSES } from './statuses.js';

export function RequestPage({
  detail,
  clinic,
  csrf,
  people,
  can,
  notice,
  error,
  sections,
  otherKinds = {},
}: {
  detail: RequestDetail;
  clinic: ClinicProfile;
  csrf: string;
  people: Map<string, string>;
  can: { changeStatus: boolean; addNote: boolean };
  /** Timeline kinds other features add: their label, and whether this reader may see their notes. */
  otherKinds?: Readonly<Record<string, { label: string; showNote: boolean }>>;
  notice?: string;
  error?: string;
  /** Parts other features add to the page (screening and the urgent safety review), placed first. */
  sections?: ComponentChildren;
}) {
  const { row, person, timeline } = detail;
  const hidden = <input type="hidden" name="_csrf" value={csrf} />;
  const concerns = person.concerns.map((c) => (m.concernLabels as Record<string, string>)[c] ?? c).join(', ');
  return (
    <>
      <p>
        <a href="/staff/requests">All requests</a>
      </p>
      <h1>{person.name}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="notice notice-warning" role="alert">
          {error}
        </p>
      ) : null}
      {sections}
      {Number(row.concerns_minor) === 1 ? (
        <p class="notice notice-warning">Under 18: a parent or guardian must be involved.</p>
      ) : null}
      <dl class="details">
        <dt>Status</dt>
        <dd>{statusLabel(row.status)}</dd>
        <dt>Received</dt>
        <dd>{when(row.created_at, clinic.timeZone)}</dd>
        <dt>Reach by</dt>
        <dd>
          {row.contact_method}
          {Number(row.sms_consent) === 1 ? ' (agreed to texts)' : ''}
        </dd>
        <dt>Phone</dt>
        {/* E.164 as stored: src/intake/confirmation.test.ts pins it; the urgent box spaces it for reading. */}
        <dd>{person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : '—'}</dd>
        <dt>Email</dt>
        <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}</dd>
        <dt>Date of birth</dt>
        <dd>{person.dob ?? '—'}</dd>
        <dt>Location</dt>
        <dd>{clinic.locations.find((l) => l.id === row.location)?.name ?? row.location}</dd>
        <dt>Treatment</dt>
        <dd>{treatmentLabel(clinic.treatments, row.treatment)}</dd>
        <dt>Help with</dt>
        <dd>{concerns || '—'}</dd>
        <dt>Best times</dt>
        <dd>{person.times || '—'}</dd>
        <dt>Heard of us</dt>
        <dd>{person.referral || '—'}</dd>
        <dt>Insurance</dt>
        <dd>{person.insurance || '—'}</dd>
        <dt>Referring clinician</dt>
        <dd>{person.referrer || '—'}</dd>
        <dt>Assigned to</dt>
        <dd>{row.assignee_id ? (people.get(row.assignee_id) ?? 'someone') : 'nobody'}</dd>
      </dl>
      <h2>Their message</h2>
      <p class="message">{person.message || '(none)'}</p>
      {can.changeStatus ? (
        <>
          <h2>Calls and status</h2>
          <div class="actions">
            {Object.entries(CALL_OUTCOMES).map(([outcome, { label }]) => (
              <form method="post" action={`/staff/requests/${row.id}/call`} class="inline-form" key={outcome}>
                {hidden}
                <input type="hidden" name="outcome" value={outcome} />
                <button type="submit" class="button-secondary">
                  {label}
                </button>
              </form>
            ))}
          </div>
          <form method="post" action={`/staff/requests/${row.id}/status`} class="filters">
            {hidden}
            <div class="field">
              <label for="status">Set status</label>
              <select id="status" name="status">
                {STATUSES.map((status) => (
                  <option key={status} value={status} selected={row.status === status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Save status</button>
          </form>
          <form method="post" action={`/staff/requests/${row.id}/assign`} class="filters">
            {hidden}
            <div class="field">
              <label for="assignee">Assign to</label>
              <select id="assignee" name="assignee">
                <option value="">Nobody</option>
                {[...people].map(([id, name]) => (
                  <option key={id} value={id} selected={row.assignee_id === id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Assign</button>
          </form>
        </>
      ) : null}
      {can.addNote ? (
        <form method="post" action={`/staff/requests/${row.id}/notes`} class="narrow">
          {hidden}
          <div class="field">
            <label for="note">Add a note</label>
            <p class="hint" id="note-hint">
              Notes are stored encrypted and kept in this request's timeline.
            </p>
            <textarea id="note" name="note" rows={3} aria-describedby="note-hint" />
          </div>
          <button type="submit">Add note</button>
        </form>
      ) : null}
      <h2>Timeline</h2>
      <ol class="timeline">
        <li>{when(row.created_at, clinic.timeZone)}: request received</li>
        {timeline.map((entry) => (
          <li key={`${entry.at}-${entry.kind}`}>
            {when(entry.at, clinic.timeZone)},{' '}
            {entry.actorId ? (people.get(entry.actorId) ?? 'a former colleague') : 'system'}:{' '}
            {entry.kind === 'note'
              ? `note: ${entry.note}`
              : otherKinds[entry.kind]
                ? otherKinds[entry.kind]!.label
                : entry.kind.startsWith('call.')
                  ? ((CALL_OUTCOMES as Record<string, { label: string }>)[entry.kind.slice(5)]?.label ??
                    entry.kind)
                  : entry.kind === 'status'
                    ? `status ${statusLabel(entry.statusFrom ?? '')} → ${statusLabel(entry.statusTo ?? '')}`
                    : entry.kind}
            {/* Such a note may say why (the urgent review's outcome): only for its feature's readers (017). */}
            {otherKinds[entry.kind]?.showNote && entry.note ? `. Note: ${entry.note}` : ''}
            {entry.kind.startsWith('call.') && entry.statusTo
              ? ` (status → ${statusLabel(entry.statusTo)})`
              : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
