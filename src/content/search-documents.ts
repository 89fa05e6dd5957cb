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
  /** The page's second-level sections, each with its anchor, so search can answer with one of them. */
  sections: { anchor: string; heading: string; text: string }[];
}

/** Each "## " heading with the text under it, in order, paired with the anchor the rendered page gives it. */
function sectionsOf(markdown: string, anchors: string[]): ContentSearchDocument['sections'] {
  return markdown
    .split(/^## /m)
    .slice(1)
    .map((section, i) => {
      const [heading = '', ...rest] = section.split('\n');
      return {
        anchor: anchors[i] ?? '',
        heading: markdownToText(heading).trim(),
        text: markdownToText(rest.join('\n')),
      };
    })
    .filter((section) => section.anchor !== '' && section.heading !== '');
}

export async function contentSearchDocuments(content: ContentService): Promise<ContentSearchDocument[]> {
  const snapshot = await content.snapshot();
  return snapshot.published.map((item) => {
    const { headings } = content.render(item);
    return {
      id: contentPath(item),
      type: item.type,
      title: item.title,
      summary: item.summary ?? '',
      headings: headings.map((heading) => heading.text).join('\n'),
      tags: item.tags.join(' '),
      attributes: Object.values(item.attributes).join('\n'),
      body: markdownToText(item.body),
      sections: sectionsOf(
        item.body,
        headings.filter((heading) => heading.level === 2).map((heading) => heading.id),
      ),
    };
  });
}
