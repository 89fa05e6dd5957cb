import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ROOT } from '../helpers/cli.js';

/**
 * What search engines and link previews read: per-page meta tags and JSON-LD, checked against the bundled
 * demo clinic profile and content files they come from (issue 4, "Search engines and sharing").
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON-LD is free-form JSON, read field by field below.
type Node = Record<string, any>;

/** Every JSON-LD node on the page: a single object, or the members of its @graph. */
function jsonLdNodes(html: string): Node[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].flatMap(([, json]) => {
    const data = JSON.parse(json!) as Node;
    assert.equal(data['@context'], 'https://schema.org');
    return (data['@graph'] as Node[] | undefined) ?? [data];
  });
}

function ofType(nodes: Node[], type: string): Node[] {
  return nodes.filter((node) => node['@type'] === type);
}

function meta(html: string, attribute: 'name' | 'property', key: string): string | undefined {
  const value = html.match(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)"`))?.[1];
  const entities: Record<string, string> = {
    '&amp;': '&',
    '&quot;': '"',
    '&#39;': "'",
    '&lt;': '<',
    '&gt;': '>',
  };
  return value?.replace(/&(amp|quot|#39|lt|gt);/g, (entity) => entities[entity]!);
}

function frontMatter(file: string): Node {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return parse(text.split(/^---$/m)[1]!) as Node;
}

const digits = (phone: string) => phone.replace(/\D/g, '');

describe('structured data and meta tags', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await buildTestApp();
    base = t.config.publicUrl.href;
  });
  after(() => t.close());

  async function page(url: string): Promise<string> {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 200, url);
    return response.body;
  }

  test('the home page describes each location of the clinic profile as a MedicalClinic with address and phone', async () => {
    const profile = parse(readFileSync(path.join(ROOT, 'config/demo-clinic.yaml'), 'utf8')) as Node;
    const clinics = ofType(jsonLdNodes(await page('/')), 'MedicalClinic');
    assert.equal(clinics.length, profile.locations.length, 'one MedicalClinic per location');
    for (const location of profile.locations as Node[]) {
      const clinic = clinics.find((node) => node.name === `${profile.name}, ${location.name}`);
      assert.ok(clinic, `a MedicalClinic for ${location.name}`);
      assert.equal(digits(clinic.telephone), digits(location.phone));
      assert.deepEqual(clinic.address, {
        '@type': 'PostalAddress',
        streetAddress: location.address.street,
        addressLocality: location.address.city,
        addressRegion: location.address.region,
        postalCode: location.address.postalCode,
        addressCountry: location.address.country,
      });
      assert.equal(clinic.url, base);
    }
  });

  test('an article has its own description and og:title, and a MedicalWebPage saying when and by whom it was reviewed', async () => {
    const file = frontMatter('content/articles/ketamine-safety.md');
    const html = await page('/articles/ketamine-safety');
    assert.equal(meta(html, 'name', 'description'), file.summary);
    assert.notEqual(
      meta(html, 'name', 'description'),
      meta(await page('/articles/tms-safety'), 'name', 'description'),
      'each article describes itself',
    );
    assert.equal(meta(html, 'property', 'og:title'), file.title);
    assert.equal(meta(html, 'property', 'og:url'), `${base}articles/ketamine-safety`);

    const [webPage, ...others] = ofType(jsonLdNodes(html), 'MedicalWebPage');
    assert.equal(others.length, 0);
    assert.equal(webPage?.name, file.title);
    assert.equal(webPage?.url, `${base}articles/ketamine-safety`);
    assert.equal(webPage?.lastReviewed, file.reviewed);
    assert.deepEqual(webPage?.reviewedBy, { '@type': 'Person', name: file.reviewer });
    assert.equal(webPage?.citation.length, file.sources.length, 'every source is cited');
  });

  test('an article has a BreadcrumbList from the home page to itself', async () => {
    const file = frontMatter('content/articles/ketamine-safety.md');
    const [trail] = ofType(jsonLdNodes(await page('/articles/ketamine-safety')), 'BreadcrumbList');
    const items = (trail?.itemListElement ?? []) as Node[];
    assert.ok(items.length >= 2, 'at least home and the article');
    assert.deepEqual(
      items.map((item) => item.position),
      items.map((_, index) => index + 1),
    );
    assert.deepEqual(items[0], { '@type': 'ListItem', position: 1, name: 'Home', item: base });
    assert.equal(items.at(-1)?.name, file.title);
    assert.equal(items.at(-1)?.item, `${base}articles/ketamine-safety`);
  });

  test('a treatment page is a MedicalTherapy', async () => {
    const file = frontMatter('content/treatments/tms.md');
    const [therapy, ...others] = ofType(jsonLdNodes(await page('/treatments/tms')), 'MedicalTherapy');
    assert.equal(others.length, 0);
    assert.equal(therapy?.name, file.title);
    assert.equal(therapy?.description, file.summary);
    assert.equal(therapy?.url, `${base}treatments/tms`);
  });

  test('the FAQ page is a FAQPage with each question and its answer', async () => {
    const markdown = readFileSync(path.join(ROOT, 'content/pages/faq.md'), 'utf8');
    const questions = [...markdown.matchAll(/^## (.+\?)$/gm)].map(([, question]) => question);
    assert.ok(questions.length >= 5);
    const [faq] = ofType(jsonLdNodes(await page('/faq')), 'FAQPage');
    const entries = (faq?.mainEntity ?? []) as Node[];
    assert.deepEqual(
      entries.map((entry) => entry.name),
      questions,
    );
    for (const entry of entries) {
      assert.equal(entry['@type'], 'Question');
      assert.equal(entry.acceptedAnswer['@type'], 'Answer');
      assert.ok(entry.acceptedAnswer.text.length > 20, `"${entry.name}" has an answer`);
      assert.doesNotMatch(
        entry.acceptedAnswer.text,
        /[<>]|\]\(/,
        'answers are plain text, not HTML or Markdown',
      );
    }
  });
});
