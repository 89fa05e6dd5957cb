import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadChecklists } from '../../src/screening/instruments/load.js';
import { bundledContent } from './bundled.js';

/**
 * Every bundled page says where its facts come from and when a reviewer last checked them (issue 13). A link
 * can only be checked for shape here (tests make no network requests); what it must look like is a DOI, a
 * PubMed record, or a page of the FDA, another US government body or a professional body.
 */

/** The day this content review was made; a page reviewed more than a year before it is out of date. */
const REVIEW_DAY = '2026-12-04';
const OLDEST_REVIEW = '2025-12-04';

const CITATION_SHAPES: [string, RegExp][] = [
  ['DOI', /^https:\/\/doi\.org\/10\.\d{4,9}\/[-._;()/:A-Za-z0-9]+$/],
  ['PubMed', /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/\d{1,9}\/?$/],
  ['PubMed Central', /^https:\/\/pmc\.ncbi\.nlm\.nih\.gov\/articles\/PMC\d+\/?$/],
  ['FDA', /^https:\/\/(www\.)?(accessdata\.)?fda\.gov\/[-._~%/?=&A-Za-z0-9]+$/],
  ['US government', /^https:\/\/(www\.)?([a-z0-9-]+\.)*(hhs|cms|nih|ecfr|federalregister|samhsa)\.gov\/\S+$/],
  [
    'professional body',
    /^https:\/\/(www\.)?(psychiatry\.org|clinicaltmssociety\.org|988lifeline\.org)\/\S*$/,
  ],
];

export function citationShape(url: string): string | undefined {
  return CITATION_SHAPES.find(([, shape]) => shape.test(url))?.[0];
}

describe('sources of the bundled content', () => {
  const items = bundledContent();

  test('every page lists at least one source, and every source has a title, publisher, year and link', () => {
    const missing = items.filter((item) => item.sources.length === 0).map((item) => item.sourceFile);
    assert.deepEqual(missing, [], 'pages without sources');
    for (const item of items)
      for (const source of item.sources)
        assert.ok(source.url, `${item.sourceFile}: "${source.title}" has a link`);
  });

  test('every link is a DOI, PubMed, FDA or other official address of a well-formed shape', () => {
    const bad = items.flatMap((item) =>
      item.sources
        .filter((source) => !source.url || !citationShape(source.url))
        .map((source) => `${item.sourceFile}: ${source.url}`),
    );
    assert.deepEqual(bad, []);
    const badChecklist = [...loadChecklists().values()].flatMap((checklist) =>
      [checklist.source, ...(checklist.references ?? [])]
        .filter((citation) => !citation.url || !citationShape(citation.url))
        .map((citation) => `${checklist.id}: ${citation.url}`),
    );
    assert.deepEqual(badChecklist, []);
  });

  test(`every page was reviewed between ${OLDEST_REVIEW} and ${REVIEW_DAY}, and says by whom`, () => {
    const stale = items
      .filter((item) => !item.reviewed || item.reviewed < OLDEST_REVIEW || item.reviewed > REVIEW_DAY)
      .map((item) => `${item.sourceFile}: ${item.reviewed}`);
    assert.deepEqual(stale, []);
    for (const item of items) assert.ok(item.reviewer, `${item.sourceFile} names its reviewer`);
  });

  test('one work has one link: a study cited by a page and by a safety checklist points to the same place', () => {
    const linkOf = new Map<string, string>();
    for (const item of items)
      for (const source of item.sources) if (source.url) linkOf.set(source.title.toLowerCase(), source.url);
    for (const checklist of loadChecklists().values())
      for (const citation of [checklist.source, ...(checklist.references ?? [])])
        for (const [title, url] of linkOf)
          if (citation.citation.toLowerCase().includes(title))
            assert.equal(citation.url, url, `${checklist.id} cites "${title}"`);
  });

  test('the checks refuse what they should', () => {
    assert.equal(citationShape('https://doi.org/10.1016/j.brs.2021.05.012'), 'DOI');
    assert.equal(citationShape('https://doi.org/not-a-doi'), undefined);
    assert.equal(citationShape('https://example.com/ketamine'), undefined);
    assert.equal(citationShape('http://www.fda.gov/news'), undefined);
    assert.equal(citationShape('https://www.fda.gov.example.com/x'), undefined);
  });
});
