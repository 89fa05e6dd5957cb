import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';

function article(slug: string, fields: Record<string, string>, body = 'Some words.\n'): string[] {
  const lines = Object.entries({
    title: `Title of ${slug}`,
    type: 'article',
    published: '2026-10-01',
    ...fields,
  })
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  return [`${slug}.md`, `---\n${lines}\n---\n${body}`];
}

const LONG_BODY = ['One', 'Two', 'Three', 'Four']
  .map((name) => `## Section ${name}\n\n${'Plain words for patients. '.repeat(60)}\n`)
  .join('\n');

const FILES = Object.fromEntries(
  [
    article(
      'long-read',
      {
        tags: '[ketamine, safety]',
        reviewed: '2026-11-20',
        reviewer: '"Dr. Test Person, MD"',
        summary: 'A long article.',
        redirect_from: '[old-long-read]',
        sources:
          '[{ title: "A trial", publisher: "The Lancet", year: 2018, url: "https://doi.org/10.1000/x" }]',
      },
      LONG_BODY,
    ),
    article('cousin', { tags: '[safety]', published: '2026-09-01' }),
    article('draft', { published: '""' }),
    article('tomorrow', { published: '2026-12-01' }),
    ...Array.from({ length: 10 }, (_, i) =>
      article(`filler-${i}`, { tags: '[cost]', published: `2026-08-${String(i + 10)}` }),
    ),
    [
      'tms.md',
      '---\ntitle: TMS\ntype: treatment\npublished: 2026-10-01\nonset: Usually a few weeks into a course.\nsession_length: About 3 to 37 minutes.\n---\nAbout TMS.\n',
    ],
    [
      'ketamine.md',
      '---\ntitle: Ketamine infusions\ntype: treatment\npublished: 2026-10-01\nonset: Hours to days.\n---\nAbout ketamine.\n',
    ],
    [
      'faq.md',
      '---\ntitle: Frequently asked questions\ntype: page\npublished: 2026-10-01\n---\n## Does it hurt?\n\nA tapping feeling.\n\n## Can I drive?\n\nAfter TMS, yes.\n',
    ],
  ].map(([name, text]) => [name!, text!.replace('published: ""\n', '')] as const),
) as Record<string, string>;

describe('content pages', () => {
  let t: TestApp;
  // 2026-12-01 05:30 UTC is still November 30 in Chicago, the demo clinic's time zone.
  let now = new Date('2026-12-01T05:30:00Z');

  before(async () => {
    t = await buildTestApp({ content: 'none', now: () => now });
    const dir = mkdtempSync(path.join(tmpdir(), 'haven-pages-'));
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(dir, name), text);
    const report = await t.app.content.importDirectory(dir, dir);
    assert.deepEqual(report.errors, []);
  });
  after(() => t.close());

  test('an article shows its title, review, reading time, contents, sources, related articles and the appointment button', async () => {
    const response = await t.app.inject('/articles/long-read');
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /<h1>Title of long-read<\/h1>/);
    assert.match(
      html,
      /Medically reviewed November 20, 2026 by Dr\. Test Person, MD · Published October 1, 2026 · 5 min read/,
    );
    assert.match(
      html,
      /<nav class="toc" aria-labelledby="toc-title">.*<a href="#section-one">Section One<\/a>/s,
    );
    assert.match(html, /<h2 id="section-one"/);
    assert.match(
      html,
      /<a href="https:\/\/doi\.org\/10\.1000\/x">A trial<\/a>\. <cite>The Lancet<\/cite>, 2018\./,
    );
    assert.match(html, /Related articles[\s\S]*href="\/articles\/cousin"/);
    assert.match(html, /<a class="button" href="\/request-appointment">Request an appointment<\/a>/);
    const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    const page = jsonLd['@graph'].find((node: { '@type': string }) => node['@type'] === 'MedicalWebPage');
    assert.equal(page.lastReviewed, '2026-11-20');
    assert.deepEqual(page.reviewedBy, { '@type': 'Person', name: 'Dr. Test Person, MD' });
    assert.ok(jsonLd['@graph'].some((node: { '@type': string }) => node['@type'] === 'BreadcrumbList'));
    assert.match(html, /<meta property="og:type" content="article"/);
    assert.match(html, /<link rel="canonical" href="http:\/\/localhost:3000\/articles\/long-read"/);
  });

  test('an old slug answers 301 with the new address', async () => {
    const response = await t.app.inject('/articles/old-long-read');
    assert.equal(response.statusCode, 301);
    assert.equal(response.headers.location, '/articles/long-read');
  });

  test('drafts are never shown, and a future date stays hidden until that day in the clinic time zone', async () => {
    assert.equal((await t.app.inject('/articles/draft')).statusCode, 404);
    assert.equal((await t.app.inject('/articles/tomorrow')).statusCode, 404, 'still November 30 in Chicago');
    assert.doesNotMatch((await t.app.inject('/sitemap.xml')).body, /tomorrow|draft/);
    now = new Date('2026-12-01T06:30:00Z');
    assert.equal(
      (await t.app.inject('/articles/tomorrow')).statusCode,
      200,
      'December 1 has begun in Chicago',
    );
    assert.match(
      (await t.app.inject('/sitemap.xml')).body,
      /<loc>http:\/\/localhost:3000\/articles\/tomorrow<\/loc>/,
    );
    now = new Date('2026-12-01T05:30:00Z');
  });

  test('the article list pages ten at a time, newest first, and filters by tag', async () => {
    const first = await t.app.inject('/articles');
    assert.equal(first.statusCode, 200);
    const order = [...first.body.matchAll(/<h2><a href="\/articles\/([\w-]+)">/g)].map((match) => match[1]);
    assert.equal(order.length, 10);
    assert.deepEqual(order.slice(0, 2), ['long-read', 'cousin']);
    assert.match(first.body, /Page 1 of 2/);
    assert.match(first.body, /<a href="\/articles\?page=2" rel="next">/);
    const second = await t.app.inject('/articles?page=2');
    assert.equal([...second.body.matchAll(/<h2><a href="\/articles\//g)].length, 2);
    assert.equal((await t.app.inject('/articles?page=3')).statusCode, 404);
    assert.equal((await t.app.inject('/articles?page=abc')).statusCode, 404);
    const tagged = await t.app.inject('/articles?tag=safety');
    assert.deepEqual(
      [...tagged.body.matchAll(/<h2><a href="\/articles\/([\w-]+)">/g)].map((match) => match[1]),
      ['long-read', 'cousin'],
    );
    assert.equal((await t.app.inject('/articles?tag=nothing-here')).statusCode, 404);
  });

  test('the comparison table is built from the treatments’ attributes with proper table semantics', async () => {
    const html = (await t.app.inject('/compare')).body;
    assert.match(html, /<table class="compare"><caption id="compare-caption">/);
    assert.match(
      html,
      /<th scope="col"><a href="\/treatments\/ketamine">Ketamine infusions<\/a><\/th><th scope="col"><a href="\/treatments\/tms">TMS<\/a><\/th>/,
    );
    assert.match(
      html,
      /<th scope="row">How soon it may help<\/th><td>Hours to days\.<\/td><td>Usually a few weeks into a course\.<\/td>/,
    );
    assert.match(
      html,
      /<th scope="row">Length of a session<\/th><td>—<\/td><td>About 3 to 37 minutes\.<\/td>/,
    );
    assert.doesNotMatch(html, /Common side effects/, 'rows no treatment describes are left out');
  });

  test('a treatment page is a MedicalTherapy and the FAQ page a FAQPage in structured data', async () => {
    const treatment = (await t.app.inject('/treatments/tms')).body;
    assert.match(treatment, /"@type":"MedicalTherapy","name":"TMS"/);
    assert.match(treatment, /<h2 id="glance-title">At a glance<\/h2>/);
    const faq = (await t.app.inject('/faq')).body;
    assert.match(
      faq,
      /"@type":"FAQPage","mainEntity":\[\{"@type":"Question","name":"Does it hurt\?","acceptedAnswer":\{"@type":"Answer","text":"A tapping feeling\."\}\}/,
    );
  });

  test('robots.txt points to the sitemap, and the feed lists published articles', async () => {
    assert.match(
      (await t.app.inject('/robots.txt')).body,
      /^Sitemap: http:\/\/localhost:3000\/sitemap\.xml$/m,
    );
    const feed = await t.app.inject('/feed.xml');
    assert.equal(feed.headers['content-type'], 'application/atom+xml; charset=utf-8');
    assert.match(
      feed.body,
      /<entry><id>http:\/\/localhost:3000\/articles\/long-read<\/id><title>Title of long-read<\/title>/,
    );
    assert.doesNotMatch(feed.body, /draft/);
  });
});
