import { markdownToText } from './markdown.js';
import { type ContentItem, contentPath } from './schema.js';
import type { ContentService } from './service.js';

/** What the site search needs to know of a published item; the search feature owns the shape it indexes. */
export interface ContentSearchDocument {
  id: string;
  type: ContentItem['type'];
  title: string;
  summary: string;
  headings: string;
  tags: string;
  attributes: string;
  body: string;
}

export async function contentSearchDocuments(content: ContentService): Promise<ContentSearchDocument[]> {
  const snapshot = await content.snapshot();
  return snapshot.published.map((item) => ({
    id: contentPath(item),
    type: item.type,
    title: item.title,
    summary: item.summary ?? '',
    headings: content
      .render(item)
      .headings.map((heading) => heading.text)
      .join('\n'),
    tags: item.tags.join(' '),
    attributes: Object.values(item.attributes).join('\n'),
    body: markdownToText(item.body),
  }));
}
