import type { SearchDocument, SearchDocumentType } from './engine.js';
import type { Field } from './postings.js';

/**
 * What the index holds: every page, and each question-and-answer section of a page ("## Does TMS hurt?"
 * with its answer) on its own as well, so a short answer to exactly the question asked can rank on its own
 * merits instead of being diluted by the ten other answers around it. Results keep one place per page:
 * the page or one of its sections, whichever ranks higher, linked to the section's anchor.
 */
export interface IndexEntry extends Record<Field, string> {
  /** Where the result links: the page, or the page and a section anchor. */
  url: string;
  /** The page it belongs to, such as /faq. */
  page: string;
  type: SearchDocumentType;
  /** The title shown in results: the page's title, with the question for a section. */
  displayTitle: string;
}

const QUESTION = /\?\s*$/;

/** The entries of one page: the page itself, then each of its question-and-answer sections. */
export function entriesOf(document: SearchDocument): IndexEntry[] {
  const entries: IndexEntry[] = [
    { ...document, url: document.id, page: document.id, displayTitle: document.title },
  ];
  for (const section of document.sections ?? []) {
    if (!QUESTION.test(section.heading) || section.text.trim() === '') continue;
    entries.push({
      url: `${document.id}#${section.anchor}`,
      page: document.id,
      type: document.type,
      displayTitle: `${document.title}: ${section.heading}`,
      title: section.heading,
      summary: '',
      headings: '',
      tags: '',
      attributes: '',
      body: section.text,
    });
  }
  return entries;
}
