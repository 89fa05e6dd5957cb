import { markdownToText } from './markdown.js';
import { type ContentItem, contentPath } from './schema.js';
import type { ContentSnapshot } from './service.js';
import type { Crumb } from './views/parts.js';

/** Schema.org descriptions (JSON-LD), the sitemap and the Atom feed. */

const absolute = (base: URL, path: string) => new URL(path.replace(/^\//, ''), base).href;

export function breadcrumbJsonLd(trail: Crumb[], base: URL): object {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.label,
      item: absolute(base, crumb.href),
    })),
  };
}

export function itemJsonLd(item: ContentItem, base: URL): object[] {
  const url = absolute(base, contentPath(item));
  const page = {
    '@type': 'MedicalWebPage',
    url,
    name: item.title,
    description: item.summary ?? undefined,
    datePublished: item.published ?? undefined,
    dateModified: item.updated ?? item.published ?? undefined,
    lastReviewed: item.reviewed ?? undefined,
    reviewedBy: item.reviewer ? { '@type': 'Person', name: item.reviewer } : undefined,
    citation: item.sources.map((source) => ({
      '@type': 'CreativeWork',
      name: source.title,
      publisher: source.publisher,
      datePublished: String(source.year),
      url: source.url,
    })),
  };
  if (item.type === 'treatment') {
    return [
      page,
      { '@type': 'MedicalTherapy', name: item.title, description: item.summary ?? undefined, url },
    ];
  }
  if (item.type === 'page' && item.slug === 'faq') return [page, faqJsonLd(item)];
  return [page];
}

/** Each "## Question?" heading with the text under it becomes a question and its answer. */
export function faqJsonLd(item: ContentItem): object {
  const sections = item.body.split(/^## /m).slice(1);
  return {
    '@type': 'FAQPage',
    mainEntity: sections
      .map((section) => {
        const [question = '', ...rest] = section.split('\n');
        return { question: question.trim(), answer: markdownToText(rest.join('\n')).trim() };
      })
      .filter(({ question, answer }) => question.endsWith('?') && answer)
      .map(({ question, answer }) => ({
        '@type': 'Question',
        name: question,
        acceptedAnswer: { '@type': 'Answer', text: answer },
      })),
  };
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

export function sitemapXml(snapshot: ContentSnapshot, staticPaths: string[], base: URL): string {
  const entries = [
    ...staticPaths.map((path) => ({ loc: absolute(base, path), lastmod: undefined as string | undefined })),
    ...snapshot.published.map((item) => ({
      loc: absolute(base, contentPath(item)),
      lastmod: item.updated ?? item.reviewed ?? item.published ?? undefined,
    })),
  ];
  const urls = entries
    .map(
      ({ loc, lastmod }) =>
        `<url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>\n`;
}

export function atomFeed(snapshot: ContentSnapshot, clinicName: string, base: URL): string {
  const articles = snapshot.articles.slice(0, 20);
  const updated =
    articles
      .map((a) => a.updated ?? a.published!)
      .sort()
      .at(-1) ?? '2026-01-01';
  const entries = articles
    .map((article) => {
      const url = absolute(base, contentPath(article));
      return `<entry><id>${escapeXml(url)}</id><title>${escapeXml(article.title)}</title><link href="${escapeXml(url)}"/><published>${article.published}T00:00:00Z</published><updated>${article.updated ?? article.published}T00:00:00Z</updated>${article.summary ? `<summary>${escapeXml(article.summary)}</summary>` : ''}</entry>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>${escapeXml(absolute(base, '/articles'))}</id><title>${escapeXml(`${clinicName}: articles`)}</title><link rel="self" href="${escapeXml(absolute(base, '/feed.xml'))}"/><link href="${escapeXml(absolute(base, '/articles'))}"/><updated>${updated}T00:00:00Z</updated><author><name>${escapeXml(clinicName)}</name></author>${entries}</feed>\n`;
}
