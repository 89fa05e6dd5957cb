import createError from '@fastify/error';

/**
 * The HTTP refusals the platform and features throw, each declared once with its code and status
 * (decision 023). The error pages (src/web/error-pages.tsx) turn each into a calm page, or JSON under
 * /api/; a code with its own words there (HAVEN_FORM_EXPIRED, HAVEN_FOREIGN_ORIGIN) gets those words.
 * Expected outcomes of a form are not errors: the route renders the form again with its messages.
 */

/** A record the actor may not know of, or an address that names nothing. */
export const NotFoundError = createError('HAVEN_NOT_FOUND', 'Not found', 404);

/** Staff pages and actions need a live session. */
export const SignInFirstError = createError('HAVEN_SIGN_IN_FIRST', 'Sign in first.', 401);

/** Signed in, but the route needs a permission this person's roles do not grant. */
export const NoAccessError = createError('HAVEN_NO_ACCESS', 'You do not have access to this.', 403);

/** A state-changing request whose anti-forgery token is missing, wrong or expired. */
export const FormExpiredError = createError('HAVEN_FORM_EXPIRED', 'This form has expired.', 403);

/** A state-changing request that another site sent (its Origin or Sec-Fetch-Site says so). */
export const ForeignOriginError = createError(
  'HAVEN_FOREIGN_ORIGIN',
  'This form was sent from another site.',
  403,
);
