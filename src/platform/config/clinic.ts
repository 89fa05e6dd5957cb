import { readFileSync } from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_TREATMENTS, TreatmentDescription, TreatmentId } from './treatments.js';

/**
 * The clinic profile: who the clinic is and where it works. An operator edits one YAML file
 * (HAVEN_CLINIC_FILE); the bundled config/demo-clinic.yaml is a clearly labelled demo.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const clockTime = z
  .string({ error: 'must be a time such as "08:30" (24-hour clock)' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as "08:30" (24-hour clock)');

/** A phone number as written by the operator, kept with its dialable form for tel: links. */
const phone = z
  .string({ error: 'must be a phone number such as "+1 312 555 0142"' })
  .transform((raw, ctx) => {
    const parsed = parsePhoneNumberFromString(raw, 'US');
    if (!parsed?.isPossible()) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a phone number such as "+1 312 555 0142", not "${raw}"`,
      });
      return z.NEVER;
    }
    return { display: parsed.formatNational(), dial: parsed.number as string };
  });

const openingHours = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS, { error: `must list days from ${WEEKDAYS.join(', ')}` })).min(1),
    opens: clockTime,
    closes: clockTime,
  })
  .refine((hours) => hours.opens < hours.closes, { message: 'must close after it opens', path: ['closes'] });

const location = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens, such as "downtown"'),
  name: z.string().min(1, 'must not be empty'),
  address: z.strictObject({
    street: z.string().min(1, 'must not be empty'),
    city: z.string().min(1, 'must not be empty'),
    region: z.string().min(1, 'must not be empty'),
    postalCode: z.string().min(1, 'must not be empty'),
    country: z.string().length(2, 'must be a two-letter country code such as "US"').default('US'),
  }),
  phone,
  hours: z.array(openingHours).min(1, 'must list at least one opening time'),
  /** Ids from the clinic's `treatments`. */
  treatments: z.array(TreatmentId).min(1, 'must list at least one treatment'),
});

/**
 * Whom the clinic sees by age: `{ minimum: 18 }` for adults only, or `{ minimum: 15, under18: true }` when it
 * also sees young people (with a parent or guardian). The home page, the request form and the screening
 * follow it.
 */
const agePolicy = z
  .strictObject({
    minimum: z
      .number({ error: 'must be a whole number of years, such as 18' })
      .int('must be a whole number of years, such as 18')
      .min(1, 'must be at least 1')
      .max(120, 'must be 120 or less'),
    under18: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .refine((ages) => ages.under18 === ages.minimum < 18, {
    message: 'must say under18: true exactly when the minimum age is below 18',
    path: ['under18'],
  });
export type AgePolicy = z.infer<typeof agePolicy>;

/**
 * A real on-call service, only if the clinic has one: what it does when someone tells us they think of
 * death or self-harm while the clinic is closed, in one plain sentence the person reads as it is written.
 */
const onCallService = z.strictObject({
  description: z
    .string({ error: 'must be a sentence saying what the on-call service does' })
    .trim()
    .min(20, 'must be a sentence saying what the on-call service does'),
});

export const ClinicProfile = z
  .strictObject({
    name: z.string().min(1, 'must not be empty'),
    demo: z.boolean().default(false),
    tagline: z.string().min(1).optional(),
    phone,
    email: z.email({ error: 'must be an email address such as "hello@clinic.example"' }),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "America/Chicago"'),
    locations: z.array(location).min(1, 'must list at least one location'),
    ages: agePolicy.default({ minimum: 18, under18: false }),
    onCall: onCallService.optional(),
    /** Whole days the clinic is closed though its hours say open (holidays), in its own calendar. */
    closures: z.array(z.iso.date({ error: 'must list dates such as "2026-12-25"' })).default([]),
    /**
     * How the clinic describes each treatment it may offer; Haven's own descriptions of ketamine and TMS
     * when left out. The clinic offers those its locations list, in this order.
     */
    treatments: z
      .array(TreatmentDescription)
      .min(1, 'must describe at least one treatment')
      .default(() => [...DEFAULT_TREATMENTS]),
  })
  .refine((clinic) => new Set(clinic.locations.map((l) => l.id)).size === clinic.locations.length, {
    message: 'must give each location its own id',
    path: ['locations'],
  })
  .refine((clinic) => new Set(clinic.treatments.map((t) => t.id)).size === clinic.treatments.length, {
    message: 'must give each treatment its own id',
    path: ['treatments'],
  })
  .superRefine((clinic, ctx) => {
    const described = clinic.treatments.map((t) => t.id);
    clinic.locations.forEach((location, index) => {
      location.treatments.forEach((id, position) => {
        if (!described.includes(id))
          ctx.addIssue({
            code: 'custom',
            path: ['locations', index, 'treatments', position],
            message: `must be one of the clinic's treatments (${described.join(', ')}), not "${id}"`,
          });
      });
    });
  })
  .transform((clinic) => ({
    ...clinic,
    /** The treatments the clinic offers: the one list every page, form and check reads. */
    treatments: clinic.treatments.filter((treatment) =>
      clinic.locations.some((location) => location.treatments.includes(treatment.id)),
    ),
  }));
export type ClinicProfile = z.infer<typeof ClinicProfile>;
export type ClinicLocation = ClinicProfile['locations'][number];

export type ClinicProfileResult = { ok: true; profile: ClinicProfile } | { ok: false; error: string };

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (text, segment) =>
      typeof segment === 'number'
        ? `${text}[${segment}]`
        : text
          ? `${text}.${String(segment)}`
          : String(segment),
    '',
  );
}

/** Reads and checks a clinic profile; the error is a clause that follows the variable name. */
export function loadClinicProfile(file: string): ClinicProfileResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { ok: false, error: `points to "${file}", which cannot be read` };
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'it is not valid YAML';
    return { ok: false, error: `points to "${file}", which is not valid YAML (${reason})` };
  }
  // reportInput: without it zod leaves `input` out of every issue, and a wrong type ("eighteen") read as "is missing".
  const result = ClinicProfile.safeParse(data, { reportInput: true });
  if (!result.success) {
    // A misspelt field also makes the real one "missing": name the misspelling, which is the cause.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    const where = fieldPath(issue.path) || 'the file';
    if (issue.code === 'unrecognized_keys') {
      const field = fieldPath([...issue.path, issue.keys[0]!]);
      return {
        ok: false,
        error: `points to "${file}", where ${field} is not a known field (check its spelling)`,
      };
    }
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    return { ok: false, error: `points to "${file}", where ${where} ${message}` };
  }
  return { ok: true, profile: result.data };
}
