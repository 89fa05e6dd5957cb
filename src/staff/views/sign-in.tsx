import { ErrorSummary, Field } from '../../web/components/form.js';
import { staffMessages as m } from '../messages.js';

export function SignInForm({
  email,
  error,
  notice,
  formToken,
  insecure,
}: {
  email?: string;
  error?: string;
  notice?: string;
  formToken: string;
  insecure: boolean;
}) {
  return (
    <section class="narrow">
      <h1>{m.signIn}</h1>
      {notice ? <p class="notice">{notice}</p> : null}
      {insecure ? (
        <p class="notice notice-warning" role="alert">
          {m.plainHttp}
        </p>
      ) : null}
      <ErrorSummary title={m.errorSummaryTitle} errors={error ? [{ field: 'email', message: error }] : []} />
      <form method="post" action="/staff/sign-in" novalidate>
        <input type="hidden" name="_csrf" value={formToken} />
        <Field name="email" label={m.email} type="email" value={email} autocomplete="username" />
        <Field name="password" label={m.password} type="password" autocomplete="current-password" />
        <button type="submit">{m.continue}</button>
      </form>
    </section>
  );
}

export function CodeForm({ error, formToken }: { error?: string; formToken: string }) {
  return (
    <section class="narrow">
      <h1>Enter your code</h1>
      <p>Open the authenticator app on your phone and type the code it shows for this clinic.</p>
      <ErrorSummary title={m.errorSummaryTitle} errors={error ? [{ field: 'code', message: error }] : []} />
      <form method="post" action="/staff/sign-in/code" novalidate>
        <input type="hidden" name="_csrf" value={formToken} />
        <Field
          name="code"
          label={m.code}
          hint={m.codeHint}
          error={error}
          autocomplete="one-time-code"
          inputmode="text"
        />
        <button type="submit">{m.signIn}</button>
      </form>
      <p>
        <a href="/staff/sign-in">Start again</a>
      </p>
    </section>
  );
}
