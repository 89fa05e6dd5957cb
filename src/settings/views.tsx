import type { ComponentChildren } from 'preact';
import type { AuditCheck, SettingsOverview } from './service.js';

/** The settings page: what Haven runs with, each value beside the variable that sets it. */

function Row({
  label,
  variable,
  children,
}: {
  label: string;
  variable?: string;
  children: ComponentChildren;
}) {
  return (
    <>
      <dt>
        {label}
        {variable ? (
          <>
            {' '}
            <code>{variable}</code>
          </>
        ) : null}
      </dt>
      <dd>{children}</dd>
    </>
  );
}

const plural = (n: number, word: string, many = `${word}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

export type SettingsOutcome =
  | { kind: 'mail_test'; to: string }
  | { kind: 'mail_retry'; queued: number }
  | { kind: 'audit'; check: AuditCheck };

function Outcome({ outcome }: { outcome: SettingsOutcome }) {
  if (outcome.kind === 'mail_test') {
    return (
      <p class="notice" role="status">
        A test email to {outcome.to} is queued. It should arrive within a minute; if it does not, the email
        counts below show whether it waits or failed.
      </p>
    );
  }
  if (outcome.kind === 'mail_retry') {
    return (
      <p class="notice" role="status">
        {outcome.queued === 0
          ? 'No email had failed for good; nothing was queued again.'
          : `${plural(outcome.queued, 'email')} queued again with a fresh set of attempts.`}
      </p>
    );
  }
  const { check } = outcome;
  return check.ok ? (
    <p class="notice" role="status">
      The audit log is intact: {plural(check.count, 'entry', 'entries')}
      {check.headSeq === null ? '' : `, the newest is number ${check.headSeq}`}. Compare the newest with the
      last “audit log head” line in Haven’s logs to be sure nothing was cut from the end.
    </p>
  ) : (
    <p class="notice notice-warning" role="alert">
      The audit log is broken at entry {check.seq} ({check.reason}): an entry was edited, removed or reordered
      in the database. Keep a copy of the database as it is and tell whoever is responsible for security.
    </p>
  );
}

export function SettingsPage({
  settings,
  csrf,
  outcome,
  ownEmail,
}: {
  settings: SettingsOverview;
  csrf: string;
  outcome?: SettingsOutcome;
  ownEmail: string;
}) {
  const { mail } = settings;
  const hidden = <input type="hidden" name="_csrf" value={csrf} />;
  return (
    <>
      <h1>Settings</h1>
      <p>
        Haven reads its settings from environment variables (or a <code>.env</code> file) when it starts. To
        change one, change the variable where Haven is installed and restart it; docs/configuration.md lists
        them all. No password or key is shown here.
      </p>
      {outcome ? <Outcome outcome={outcome} /> : null}

      <h2>Email</h2>
      {mail.smtp ? null : (
        <p class="notice notice-warning">
          Email is not set up: nothing is sent, not even the on-call alert for an urgent safety review. Set{' '}
          <code>HAVEN_SMTP_URL</code>.
        </p>
      )}
      <dl class="settings">
        <Row label="Mail server" variable="HAVEN_SMTP_URL">
          {mail.smtp
            ? `${mail.smtp.host}:${mail.smtp.port}, ${mail.smtp.tls === 'implicit' ? 'TLS' : mail.smtp.tls === 'starttls' ? 'STARTTLS' : 'no TLS (this machine only)'}${mail.smtp.user ? `, signed in as ${mail.smtp.user}` : ''}`
            : 'Not set'}
        </Row>
        <Row label="Sent from" variable="HAVEN_MAIL_FROM">
          {mail.from}
        </Row>
        <Row label="New requests are announced to" variable="HAVEN_NOTIFY_EMAIL">
          {mail.notifyEmail}
        </Row>
        <Row label="Urgent safety reviews go to" variable="HAVEN_ONCALL_EMAIL">
          {mail.onCallEmail}
        </Row>
        <Row label="Unacknowledged reviews escalate to" variable="HAVEN_ESCALATION_EMAIL">
          {mail.escalationEmail}, after {plural(mail.escalationMinutes, 'minute')} of opening hours (set by{' '}
          <code>HAVEN_ESCALATION_MINUTES</code>)
        </Row>
        <Row label="Emails">
          {plural(mail.status.pending, 'email')} waiting
          {mail.status.oldestPendingAt ? ` (the oldest since ${mail.status.oldestPendingAt})` : ''},{' '}
          {mail.status.failed} failed for good, {mail.status.sent} sent
          {mail.status.latestError ? `. Latest error: ${mail.status.latestError}` : ''}
        </Row>
      </dl>
      <form method="post" action="/staff/settings/test-email" class="inline-form">
        {hidden}
        <button type="submit" class="button">
          Send a test email to {ownEmail}
        </button>
      </form>
      {mail.status.failed > 0 ? (
        <form method="post" action="/staff/settings/retry-email" class="inline-form">
          {hidden}
          <button type="submit" class="button button-secondary">
            Send the {plural(mail.status.failed, 'failed email')} again
          </button>
        </form>
      ) : null}

      <h2>Site and data</h2>
      <dl class="settings">
        <Row label="Public address" variable="HAVEN_PUBLIC_URL">
          {settings.publicUrl}
        </Row>
        <Row label="Clinic profile" variable="HAVEN_CLINIC_FILE">
          {settings.clinic.name} ({settings.clinic.file}), time zone {settings.clinic.timeZone}
          {settings.clinic.demo ? '. This is the bundled demo clinic: replace it before going live.' : ''}
        </Row>
        <Row label="Database" variable="DATABASE_URL">
          {settings.database.engine === 'sqlite' ? 'SQLite, ' : 'PostgreSQL, '}
          {settings.database.where}
        </Row>
        <Row label="Closed requests are deleted" variable="HAVEN_REQUEST_RETENTION">
          {settings.retentionDays === null
            ? 'Never on their own: run requests purge to apply a retention policy'
            : `${plural(settings.retentionDays, 'day')} after they arrived`}
        </Row>
        <Row label="PCL-5 total read as probable PTSD from" variable="HAVEN_PCL5_CUTOFF">
          {settings.pcl5Cutoff}
        </Row>
        <Row label="Health information is encrypted with master key" variable="HAVEN_MASTER_KEYS">
          “{settings.encryption.activeKeyId}”
          {settings.encryption.source === 'development'
            ? ', a development key generated on this machine: set HAVEN_MASTER_KEYS before real use'
            : settings.encryption.source === 'HAVEN_MASTER_KEY_FILE'
              ? ', from HAVEN_MASTER_KEY_FILE'
              : ''}
        </Row>
      </dl>

      <h2>Staff sign-in and limits</h2>
      <dl class="settings">
        <Row label="Signed out after no activity for" variable="HAVEN_SESSION_IDLE_MINUTES">
          {plural(settings.sessions.idleMinutes, 'minute')}
        </Row>
        <Row label="Signed out in any case after" variable="HAVEN_SESSION_MAX_HOURS">
          {plural(settings.sessions.maxHours, 'hour')}
        </Row>
        <Row label="Sessions one person may have at once" variable="HAVEN_SESSION_MAX_CONCURRENT">
          {plural(settings.sessions.maxConcurrent, 'session')} (signing in again ends the oldest)
        </Row>
        <Row label="Requests a minute from one address" variable="HAVEN_RATE_LIMIT_PER_MINUTE">
          {settings.limits.perMinute}
        </Row>
        <Row label="Request forms in ten minutes from one address" variable="HAVEN_REQUEST_FORM_LIMIT">
          {settings.limits.requestForms}
        </Row>
      </dl>

      <h2>Audit log</h2>
      <p>
        {settings.audit.head
          ? `${plural(settings.audit.head.seq, 'entry', 'entries')}; the newest has the hash ${settings.audit.head.hash.slice(0, 16)}….`
          : 'No entries yet.'}{' '}
        Checking reads every entry and recomputes its hash chain.
      </p>
      <form method="post" action="/staff/settings/verify-audit" class="inline-form">
        {hidden}
        <button type="submit" class="button button-secondary">
          Check the audit log now
        </button>
      </form>
    </>
  );
}
