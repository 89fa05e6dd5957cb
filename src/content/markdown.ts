import MarkdownIt, { type MarkdownIt as MarkdownParser } from 'markdown-it';
import anchor from 'markdown-it-anchor';

/**
 * Markdown for patient content: CommonMark plus tables, no raw HTML (the importer refuses it, and the
 * renderer would escape it anyway), links checked by markdown-it's own safe-link rule, headings with
 * readable anchors for the table of contents.
 */

export interface Heading {
  level: number;
  text: string;
  id: string;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  words: number;
}

export function slugifyHeading(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

function createParser(): MarkdownParser {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.use(anchor, { level: [2, 3], slugify: slugifyHeading, tabIndex: false });
  return md;
}

const parser = createParser();

/** Lines (1-based, within the Markdown) that hold raw HTML. */
export function rawHtmlLines(markdown: string): number[] {
  const htmlParser = new MarkdownIt({ html: true });
  const lines: number[] = [];
  for (const token of htmlParser.parse(markdown, {})) {
    if (token.type === 'html_block' && token.map) lines.push(token.map[0] + 1);
    if (
      token.type === 'inline' &&
      token.children?.some((child) => child.type === 'html_inline') &&
      token.map
    ) {
      lines.push(token.map[0] + 1);
    }
  }
  return lines;
}

/** Lines with a level-one heading: the title is the page's only H1. */
export function h1Lines(markdown: string): number[] {
  return parser
    .parse(markdown, {})
    .filter((token) => token.type === 'heading_open' && token.tag === 'h1' && token.map)
    .map((token) => token.map![0] + 1);
}

export function renderMarkdown(markdown: string): RenderedMarkdown {
  const env = {};
  const tokens = parser.parse(markdown, env);
  const headings: Heading[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open' && (token.tag === 'h2' || token.tag === 'h3')) {
      headings.push({
        level: Number(token.tag.slice(1)),
        text: tokens[index + 1]?.content ?? '',
        id: String(token.attrGet('id') ?? ''),
      });
    }
  });
  const text = tokens
    .filter((token) => token.type === 'inline')
    .map((token) => token.content)
    .join(' ');
  return {
    html: parser.renderer.render(tokens, parser.options, env),
    headings,
    words: text.split(/\s+/).filter(Boolean).length,
  };
}

/**
 * Plain text of Markdown, for search snippets and structured data. A line break inside a paragraph is a
 * space: without it, the last word of one source line and the first of the next ran together ("or" +
 * "text" made "ortext"), and search never found either.
 */
export function markdownToText(markdown: string): string {
  return parser
    .parse(markdown, {})
    .filter((token) => token.type === 'inline')
    .map((token) =>
      (token.children ?? [])
        .map((c) =>
          c.type === 'text' || c.type === 'code_inline'
            ? c.content
            : c.type === 'softbreak' || c.type === 'hardbreak'
              ? ' '
              : '',
        )
        .join(''),
    )
    .join('\n');
}
