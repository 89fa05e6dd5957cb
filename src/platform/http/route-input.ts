import { z } from 'zod';

/**
 * Building blocks for route input schemas (decision 023). Each route declares `schema: { querystring,
 * params, body }` with zod; Fastify validates before the handler runs and hands it typed values.
 *
 * Form bodies describe the shape a browser sends, not the rules: every field is text, a field may be
 * missing, and a field sent twice arrives as a list. The rules (a valid email, a known status) stay in the
 * feature's own checks, which answer with the page again, what was typed and a message beside the field:
 * a person never meets a bare 400 for something they typed.
 */

const oneOrMany = z.union([z.string(), z.array(z.string())]);

/** One text value; missing, or repeated (`?a=1&a=2`), it reads as absent, as it did before schemas. */
export const singleText = oneOrMany
  .optional()
  .transform((value) => (typeof value === 'string' ? value : undefined));

/** A text form field: what was typed, or '' when the field is missing or was sent twice. */
export const formText = singleText.transform((value) => value ?? '');

/** A field a form may send several times (checkboxes): always a list of what was sent. */
export const formList = oneOrMany
  .optional()
  .transform((value) => (value === undefined ? [] : [value].flat()));

/** A form's body: a request sent with no body at all reads as an empty form. Unknown fields are dropped. */
export function formBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess((body) => body ?? {}, z.object(shape));
}

/** The body of a form that only carries its anti-forgery token (checked before validation): a button. */
export const ButtonBody = formBody({});

/** The query of a route that reads none: any query is accepted and dropped. */
export const NoQuery = z.object({});
