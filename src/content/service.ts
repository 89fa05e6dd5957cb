import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { type ImportReport, importContentDirectory } from './import/importer.js';
import { type RenderedMarkdown, renderMarkdown } from './markdown.js';
import { contentRepository } from './repository.js';
import { type ContentItem, contentPath } from './schema.js';

/**
 * The rules of published content: what is visible today in the clinic's time zone, where each item lives,
 * which old addresses redirect, and what relates to what. Everything is read once per content version and
 * day, then served from memory.
 */

export interface ContentSnapshot {
  /** The published items, newest first. */
  published: ContentItem[];
  byPath: Map<string, ContentItem>;
  /** Old path → current path, from each item's redirect_from. */
  redirects: Map<string, string>;
  articles: ContentItem[];
  treatments: ContentItem[];
  conditions: ContentItem[];
  /** Article tags with how many published articles carry each, most used first. */
  articleTags: { tag: string; count: number }[];
}

export interface ContentServiceDeps {
  db: Kysely<Database>;
  /** The content version (moves on every change, in any process). */
  contentVersion(): string;
  now(): Date;
  timeZone: string;
  /** Called after this process changed content, so it sees its own change at once rather than at the next poll. */
  afterChange?: () => Promise<unknown>;
}

export const BUNDLED_CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

export function isPublished(item: Pick<ContentItem, 'published'>, today: string): boolean {
  return item.published !== null && item.published <= today;
}

function buildSnapshot(items: ContentItem[], today: string): ContentSnapshot {
  const published = items
    .filter((item) => isPublished(item, today))
    .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || a.title.localeCompare(b.title));
  const byPath = new Map(published.map((item) => [contentPath(item), item]));
  const redirects = new Map<string, string>();
  for (const item of published) {
    for (const old of item.redirectFrom)
      redirects.set(contentPath({ type: item.type, slug: old }), contentPath(item));
  }
  const ofType = (type: ContentItem['type']) => published.filter((item) => item.type === type);
  const byTitle = (a: ContentItem, b: ContentItem) => a.title.localeCompare(b.title);
  const articles = ofType('article');
  const tagCounts = new Map<string, number>();
  for (const article of articles)
    for (const tag of article.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  return {
    published,
    byPath,
    redirects,
    articles,
    treatments: ofType('treatment').sort(byTitle),
    conditions: ofType('condition').sort(byTitle),
    articleTags: [...tagCounts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
  };
}

export function createContentService(deps: ContentServiceDeps) {
  const repository = contentRepository(deps.db);
  const todayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: deps.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let cached: { key: string; snapshot: Promise<ContentSnapshot> } | undefined;
  // Formatting today's date costs more than serving a cached page; once a second is plenty.
  let today: { second: number; date: string } | undefined;
  const rendered = new Map<string, RenderedMarkdown>();

  const service = {
    /** Today's date in the clinic's time zone, YYYY-MM-DD: content dated later is not shown yet. */
    today(): string {
      const now = deps.now();
      const second = Math.floor(now.getTime() / 1000);
      if (today?.second !== second) today = { second, date: todayFormat.format(now) };
      return today.date;
    },

    /** Changes whenever what visitors may see changes: an edit anywhere, or a new day. */
    visibleVersion(): string {
      return `${deps.contentVersion()}@${service.today()}`;
    },

    snapshot(): Promise<ContentSnapshot> {
      const key = service.visibleVersion();
      if (cached?.key !== key) {
        rendered.clear();
        const snapshot = repository.listAll().then((items) => buildSnapshot(items, service.today()));
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = undefined;
        });
        cached = { key, snapshot };
      }
      return cached.snapshot;
    },

    render(item: ContentItem): RenderedMarkdown {
      let result = rendered.get(item.id);
      if (!result) {
        result = renderMarkdown(item.body);
        rendered.set(item.id, result);
      }
      return result;
    },

    /** Up to `limit` other articles sharing the most tags with this item, newest first among equals. */
    related(snapshot: ContentSnapshot, item: ContentItem, limit = 3): ContentItem[] {
      const tags = new Set(item.tags);
      return snapshot.articles
        .filter((other) => other.id !== item.id)
        .map((other) => ({ other, shared: other.tags.filter((tag) => tags.has(tag)).length }))
        .filter(({ shared }) => shared > 0)
        .sort((a, b) => b.shared - a.shared)
        .slice(0, limit)
        .map(({ other }) => other);
    },

    async importDirectory(dir: string, displayRoot?: string): Promise<ImportReport> {
      const report = await importContentDirectory(dir, repository, deps.now(), { displayRoot });
      if (report.created.length + report.updated.length > 0) await deps.afterChange?.();
      return report;
    },

    /** On a database with no content at all, the bundled demo content is imported. */
    async importBundledIfEmpty(): Promise<ImportReport | undefined> {
      if ((await repository.count()) > 0) return undefined;
      return service.importDirectory(BUNDLED_CONTENT_DIR, BUNDLED_CONTENT_DIR);
    },
  };
  return service;
}

export type ContentService = ReturnType<typeof createContentService>;
