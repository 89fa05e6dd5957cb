import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markdownToText } from '../../src/content/markdown.js';
import { bundledContent } from './bundled.js';

/**
 * The facts a medical director checked against primary sources for issue 13, pinned so a later edit cannot
 * quietly drop them: current device clearances, the Spravato indications and their dates, the ketamine
 * label's warnings, seizure risk per person as well as per session, and no payer rule the page cannot source.
 */

const items = bundledContent();
function pageText(file: string): string {
  const item = items.find((candidate) => candidate.sourceFile === file);
  assert.ok(item, `${file} is bundled`);
  return [item.summary ?? '', markdownToText(item.body), ...Object.values(item.attributes)]
    .join('\n')
    .replace(/\s+/g, ' ');
}
const sourcesOf = (file: string) =>
  items.find((item) => item.sourceFile === file)?.sources.map((source) => source.url) ?? [];

describe('checked facts in the bundled content', () => {
  test('TMS clearances: many devices for depression, and the 2024 add-on clearance for ages 15 to 21', () => {
    const tms = pageText('treatments/tms.md');
    assert.match(tms, /many devices from several makers/);
    assert.match(tms, /aged 15 to 21 with depression \(2024, one device\)/);
    assert.match(tms, /cleared as an add-on/);
    assert.match(tms, /checked against FDA records in December 2026/);
  });

  test('TMS seizure risk is given per session and per person, with deep TMS apart', () => {
    for (const file of ['treatments/tms.md', 'articles/tms-safety.md']) {
      const text = pageText(file);
      assert.match(text, /3 seizures in every 100,000 sessions/, file);
      assert.match(text, /7 in every 10,000 people treated/, file);
      assert.match(text, /deep TMS[^.]*1 in every 180 people/i, file);
      assert.ok(sourcesOf(file).includes('https://doi.org/10.1016/j.brs.2021.05.012'), `${file} cites it`);
    }
    assert.match(pageText('conditions/ocd.md'), /1 in every 180 people treated with deep TMS/);
  });

  test('Spravato: 2019, 2020 and January 2025 indications, and the REMS, each dated', () => {
    const spravato = pageText('articles/spravato-and-iv-ketamine.md');
    assert.match(spravato, /in 2019, for treatment-resistant depression/);
    assert.match(spravato, /in 2020, for depressive symptoms[^.]*suicidal thoughts/);
    assert.match(spravato, /in January 2025, for use on its own/);
    assert.match(spravato, /REMS and the label, as checked against FDA records in December 2026/);
    assert.match(pageText('articles/insurance-and-cost.md'), /2019[\s\S]*2020[\s\S]*January 2025/);
  });

  test("ketamine pages carry the label's warnings: liver injury with repeated use, brain pressure, blood pressure", () => {
    for (const file of ['articles/ketamine-safety.md', 'treatments/ketamine-infusion-therapy.md']) {
      const text = pageText(file);
      assert.match(text, /liver (injury|damage)[^.]*again and again/i, file);
      assert.match(text, /pressure inside the skull/, file);
      assert.match(text, /blood pressure/, file);
      assert.ok(
        sourcesOf(file).some((url) => url?.includes('ApplNo=016812')),
        `${file} cites the ketamine label`,
      );
    }
  });

  test('no page states payer criteria it does not source', () => {
    const unsourced = [
      /PHQ-9 (depression )?score of 15/,
      /2 to 4 antidepressants|two to four trials/,
      /cover up to 36 sessions/,
    ];
    for (const item of items)
      for (const pattern of unsourced)
        assert.doesNotMatch(pageText(item.sourceFile ?? ''), pattern, item.sourceFile ?? '');
  });
});
