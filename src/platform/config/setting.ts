import { z } from 'zod';

/**
 * A refused setting is a zod issue at the variable's path whose message is the problem and whose params
 * carry an example of a good value (or a hint said instead). loadConfig() turns the first one into the one
 * sentence an operator sees: `PORT must be a whole number …; for example PORT=3000.`
 */
export interface RefusalParams {
  example: string;
  hint?: string;
}

/** Options for `.refine()`: the problem, written from the raw text as the operator typed it, and an example. */
export function refused(problem: string | ((raw: string) => string), example: string, hint?: string) {
  return {
    error: (issue: { input?: unknown }) =>
      typeof problem === 'string' ? problem : problem(String(issue.input)),
    params: { example, hint } satisfies RefusalParams,
  };
}

/** Inside a `.transform()`: records the problem and returns z.NEVER, so `return refuse(…)` ends the parse. */
export function refuse(
  ctx: z.RefinementCtx,
  problem: string,
  example: string,
  hint?: string,
  path?: string[],
): never {
  ctx.addIssue({ code: 'custom', message: problem, params: { example, hint } satisfies RefusalParams, path });
  return z.NEVER;
}

export function refusalSentence(issue: z.core.$ZodIssue): string {
  const variable = String(issue.path[0] ?? 'The environment');
  const params = (issue as { params?: Partial<RefusalParams> }).params;
  const hint = params?.hint ?? `for example ${variable}=${params?.example ?? ''}`;
  return `${variable} ${issue.message}; ${hint}.`;
}

/** Blank counts as unset, so `PORT=` in a .env file means "the default". */
const unsetIfBlank = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** One environment variable: `given` parses a value that is set; unset or blank gives `fallback`. */
export function setting<Out, Fallback>(given: z.ZodType<Out, string>, fallback: Fallback) {
  return z
    .preprocess(unsetIfBlank, given.optional())
    .transform((value): Out | Fallback => (value === undefined ? fallback : value));
}

/** A whole number within a range, refused with the range and its unit. */
export function wholeNumber(range: { fallback: number; min: number; max: number; unit: string }) {
  return setting(
    z
      .string()
      .refine(
        (raw) => /^\d+$/.test(raw.trim()) && Number(raw) >= range.min && Number(raw) <= range.max,
        refused(
          (raw) => `must be a whole number of ${range.unit} from ${range.min} to ${range.max}, not "${raw}"`,
          String(range.fallback),
        ),
      )
      .transform(Number),
    range.fallback,
  );
}
