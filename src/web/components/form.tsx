import type { ComponentChildren, JSX } from 'preact';

/**
 * Form parts every form uses: an error summary that links to each field, and a labelled field whose hint
 * and error are tied to it for screen readers. A field keeps what the person typed (`value`).
 */

export interface FieldError {
  field: string;
  message: string;
}

export function ErrorSummary({ errors, title }: { errors: FieldError[]; title: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  name,
  label,
  type = 'text',
  value,
  hint,
  error,
  autocomplete,
  required = true,
  inputmode,
  extra,
}: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'date';
  value?: string;
  hint?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel';
  extra?: ComponentChildren;
}) {
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>{label}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${name}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        {...({
          id: name,
          name,
          type,
          // A password is never sent back to the browser, even to keep what was typed.
          value: type === 'password' ? undefined : value,
          autocomplete,
          required,
          inputmode,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': described || undefined,
        } as JSX.IntrinsicElements['input'])}
      />
      {extra}
    </div>
  );
}

/** The hidden anti-forgery token every state-changing form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
