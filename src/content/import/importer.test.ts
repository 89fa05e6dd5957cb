import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { readContentVersion } from '../../platform/database/content-version.js';
import { contentRepository } from '../repository.js';
import { importContentDirectory } from './importer.js';

const GOOD = `---
title: What to expect at a first infusion
type: article
summary: A calm walk through the day.
tags: [ketamine, first-visit]
published: 2026-11-01
reviewed: 2026-11-20
reviewer: Dr. Test, MD
sources:
  - title: A study
    publisher: A Journal
    year: 2017
    url: https://doi.org/10.1000/example
---
## Before you come

Eat lightly.
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-content-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

forEachEngine('content import', (_engine, it) => {
  it('imports every good file, and importing the same files again changes nothing', async ({ handle }) => {
    const dir = folder({
      'articles/first-infusion.md': GOOD,
      'pages/about.md': '---\ntitle: About us\ntype: page\n---\nHello.\n',
    });
    const repository = contentRepository(handle.db);
    const first = await importContentDirectory(dir, repository, new Date('2026-11-25T12:00:00Z'), {
      displayRoot: dir,
    });
    assert.deepEqual(first.errors, []);
    assert.deepEqual(first.created.sort(), ['about', 'first-infusion']);
    assert.equal(await readContentVersion(handle.db), '1');

    const second = await importContentDirectory(dir, repository, new Date('2026-11-26T12:00:00Z'), {
      displayRoot: dir,
    });
    assert.deepEqual(second.created, []);
    assert.deepEqual(second.unchanged.sort(), ['about', 'first-infusion']);
    assert.equal(
      await readContentVersion(handle.db),
      '1',
      'an import that changes nothing leaves the version alone',
    );

    writeFileSync(
      path.join(dir, 'articles/first-infusion.md'),
      GOOD.replace('Eat lightly.', 'Eat a light meal.'),
    );
    const third = await importContentDirectory(dir, repository, new Date(), { displayRoot: dir });
    assert.deepEqual(third.updated, ['first-infusion']);
    assert.equal(await readContentVersion(handle.db), '2');

    const [about, article] = await repository.listAll();
    assert.equal(about?.type, 'page');
    assert.equal(article?.published, '2026-11-01', 'dates stay exactly as written');
    assert.deepEqual(article?.tags, ['ketamine', 'first-visit']);
    assert.equal(article?.sources[0]?.year, 2017);
    assert.match(article?.body ?? '', /Eat a light meal/);
  });

  it('reports each problem as file:line: field: what is wrong, and imports nothing from that file', async ({
    handle,
  }) => {
    const dir = folder({
      'no-title.md': GOOD.replace('title: What to expect at a first infusion\n', ''),
      'bad-date.md': GOOD.replace('published: 2026-11-01', 'published: 2026-02-30'),
      'worse-date.md': GOOD.replace('published: 2026-11-01', 'published: 11/01/2026'),
      'bad-type.md': GOOD.replace('type: article', 'type: blogpost'),
      'one.md': GOOD.replace('type: article', 'type: article\nslug: same-slug'),
      'two.md': GOOD.replace('type: article', 'type: article\nslug: same-slug'),
      'html.md': `${GOOD}\nSome <b>bold</b> words.\n`,
      'typo.md': GOOD.replace('reviewer:', 'reveiwer:'),
      'fine.md': GOOD,
    });
    const report = await importContentDirectory(dir, contentRepository(handle.db), new Date(), {
      displayRoot: dir,
    });
    const errors = report.errors.sort();
    assert.deepEqual(errors, [
      'bad-date.md:6: published: is not a real calendar date',
      'bad-type.md:3: type: must be one of article, treatment, condition, page',
      'html.md:19: body: raw HTML is not allowed; use Markdown instead',
      'no-title.md:1: title: is required',
      'one.md:4: slug: "same-slug" is also used by two.md',
      'two.md:4: slug: "same-slug" is also used by one.md',
      'typo.md:8: reveiwer: is not a known field',
      'worse-date.md:6: published: must be a date written YYYY-MM-DD, such as 2026-11-25',
    ]);
    assert.deepEqual(report.created, ['fine']);
    assert.equal(report.files, 9);
    assert.deepEqual(
      (await contentRepository(handle.db).listAll()).map((item) => item.slug),
      ['fine'],
    );
  });
});
