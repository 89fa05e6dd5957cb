import { ErrorSummary, Field, type FieldError } from '../../web/components/form.js';
import { staffMessages as m } from '../messages.js';
import type { TotpEnrolment } from '../mfa/totp.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../passwords/passwords.js';

const passwordHint = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A few unrelated words are strong and easy to remember. Any characters are allowed.`;

export function SetupPasswordForm({
  firstAdmin,
  email,
  displayName,
  errors,
  formToken,
}: {
  firstAdmin: boolean;
  email: string;
  displayName: string;
  errors: FieldError[];
  formToken: string;
}) {
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  return (
    <section class="narrow">
      <h1>{firstAdmin ? 'Create the first administrator' : 'Set up your account'}</h1>
      <p>
        Step 1 of 2: choose a password. Next you will set up an authenticator app on your phone; every staff
        sign-in needs both.
      </p>
      {firstAdmin ? null : (
        <p>
          Account: <strong>{email}</strong>
        </p>
      )}
      <ErrorSummary title={m.errorSummaryTitle} errors={errors} />
      <form method="post" action="/staff/setup/password" novalidate>
        <input type="hidden" name="_csrf" value={formToken} />
        {firstAdmin ? (
          <>
            <Field
              name="displayName"
              label="Your name"
              value={displayName}
              autocomplete="name"
              error={errorFor('displayName')}
            />
            <Field
              name="email"
              label={m.email}
              type="email"
              value={email}
              autocomplete="username"
              error={errorFor('email')}
            />
          </>
        ) : (
          <input type="hidden" name="email" value={email} autocomplete="username" />
        )}
        <Field
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          hint={passwordHint}
          error={errorFor('password')}
        />
        <Field
          name="confirm"
          label="Type the new password again"
          type="password"
          autocomplete="new-password"
          error={errorFor('confirm')}
        />
        <button type="submit">{m.continue}</button>
      </form>
    </section>
  );
}

export function AuthenticatorEnrolment({
  enrolment,
  error,
  action,
  hidden,
  title,
  intro,
}: {
  enrolment: TotpEnrolment;
  error?: string;
  action: string;
  hidden: Record<string, string>;
  title: string;
  intro: string;
}) {
  return (
    <section class="narrow">
      <h1>{title}</h1>
      <p>{intro}</p>
      <ol class="steps">
        <li>
          Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator
          or 1Password).
        </li>
        <li>Scan this QR code with the app, or type the key below into it.</li>
        <li>Type the six-digit code the app then shows.</li>
      </ol>
      {/* Drawn on the server as SVG; the CSP allows no data: images. */}
      <div class="qr" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p>
        Key for typing in:{' '}
        <code class="totp-key" id="totp-key">
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </code>
      </p>
      <ErrorSummary title={m.errorSummaryTitle} errors={error ? [{ field: 'code', message: error }] : []} />
      <form method="post" action={action} novalidate>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Field
          name="code"
          label="Code from the app"
          error={error}
          autocomplete="one-time-code"
          inputmode="numeric"
        />
        <button type="submit">Confirm</button>
      </form>
    </section>
  );
}

export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  return (
    <section class="narrow">
      <h1>Save your recovery codes</h1>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. They
        are shown only now: print them or keep them in a password manager, not on the phone itself.
      </p>
      <ul class="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={next}>
          I have saved them, continue
        </a>
      </p>
    </section>
  );
}

export function LinkProblem({ reason }: { reason: 'unknown' | 'expired' | 'used' | 'missing' }) {
  const text = {
    unknown: 'This setup link is not valid. Check that you copied all of it.',
    expired: 'This setup link has expired.',
    used: 'This setup link has already been used.',
    missing: 'Open the setup link you were given to continue.',
  }[reason];
  return (
    <section class="narrow">
      <h1>Setup link problem</h1>
      <p>{text}</p>
      <p>
        Ask an administrator for a new link. On the server, the command
        <code> npm run haven -- user create</code> (or <code>user reset-mfa</code>) makes one; on a new
        installation, restarting Haven writes a new link for the first administrator.
      </p>
    </section>
  );
}
