import { z } from 'zod';

export const CONTENT_TYPES = ['article', 'treatment', 'condition', 'page'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** The comparison attributes a treatment may carry, in the order the comparison table shows them. */
export const TREATMENT_ATTRIBUTES = [
  'used_for',
  'administration',
  'session_length',
  'course',
  'onset',
  'durability',
  'side_effects',
  'not_for',
  'regulatory_status',
  'visit',
] as const;
export type TreatmentAttribute = (typeof TREATMENT_ATTRIBUTES)[number];

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date as written, YYYY-MM-DD: kept as text so no time zone can shift it. */
export const CalendarDate = z
  .string({ error: 'must be a date written YYYY-MM-DD, such as 2026-11-25' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: 'must be a date written YYYY-MM-DD, such as 2026-11-25',
    abort: true,
  })
  .refine(isCalendarDate, 'is not a real calendar date');

export const Slug = z
  .string({ error: 'must be text such as "first-ketamine-infusion"' })
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lower-case words joined by hyphens, such as "first-ketamine-infusion"',
  )
  .max(120, 'must be at most 120 characters');

/**
 * Front matter is read with YAML's failsafe schema (parse-file.ts), so every value arrives as the text the
 * author wrote: `title: 2024` is the title "2024", not a number. The year is the one number, read here.
 */
const Year = z
  .string({ error: 'must be a year such as 2018' })
  .regex(/^\d{4}$/, 'must be a year such as 2018')
  .transform(Number)
  .refine((year) => year >= 1800 && year <= 2100, 'must be a year between 1800 and 2100');

export const Source = z.strictObject({
  title: z.string({ error: 'must be text' }).min(1, 'must not be empty'),
  publisher: z.string({ error: 'must be text naming the journal or publisher' }).min(1, 'must not be empty'),
  year: Year,
  url: z.url({ protocol: /^https$/, error: 'must be an https:// link to the source' }).optional(),
});
export type Source = z.infer<typeof Source>;

const attributeShape = Object.fromEntries(
  TREATMENT_ATTRIBUTES.map((key) => [
    key,
    z.string({ error: 'must be a short text' }).min(1).max(400).optional(),
  ]),
) as Record<TreatmentAttribute, z.ZodOptional<z.ZodString>>;

/** Front matter as an author writes it. Unknown fields are refused, so a typo never passes silently. */
export const FrontMatter = z
  .strictObject({
    title: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200),
    slug: Slug.optional(),
    type: z.enum(CONTENT_TYPES, { error: `must be one of ${CONTENT_TYPES.join(', ')}` }).default('article'),
    summary: z.string({ error: 'must be text' }).trim().max(320, 'must be at most 320 characters').optional(),
    tags: z
      .array(
        z
          .string({ error: 'must be a word such as "ketamine"' })
          .regex(/^[a-z0-9-]+$/, 'must be lower-case words such as "ketamine"'),
        { error: 'must be a list such as [ketamine, first-visit]' },
      )
      .default([]),
    published: CalendarDate.optional(),
    updated: CalendarDate.optional(),
    reviewed: CalendarDate.optional(),
    reviewer: z.string({ error: 'must be text' }).min(1).max(200).optional(),
    sources: z.array(Source, { error: 'must be a list of sources' }).default([]),
    redirect_from: z.array(Slug, { error: 'must be a list of old slugs' }).default([]),
    ...attributeShape,
  })
  .superRefine((matter, ctx) => {
    if (matter.type !== 'treatment') {
      for (const key of TREATMENT_ATTRIBUTES) {
        if (matter[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is only for treatments (type: treatment)' });
        }
      }
    }
    if (matter.updated && matter.published && matter.updated < matter.published) {
      ctx.addIssue({ code: 'custom', path: ['updated'], message: 'must not be before the published date' });
    }
  });
export type FrontMatter = z.infer<typeof FrontMatter>;

/** One piece of content as stored and served. */
export interface ContentItem {
  id: string;
  slug: string;
  type: ContentType;
  title: string;
  summary: string | null;
  tags: string[];
  body: string;
  published: string | null;
  updated: string | null;
  reviewed: string | null;
  reviewer: string | null;
  sources: Source[];
  attributes: Partial<Record<TreatmentAttribute, string>>;
  redirectFrom: string[];
  sourceFile: string | null;
}

export function contentPath(item: Pick<ContentItem, 'type' | 'slug'>): string {
  switch (item.type) {
    case 'article':
      return `/articles/${item.slug}`;
    case 'treatment':
      return `/treatments/${item.slug}`;
    case 'condition':
      return `/conditions/${item.slug}`;
    case 'page':
      return `/${item.slug}`;
  }
}
