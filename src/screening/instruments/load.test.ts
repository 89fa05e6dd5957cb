import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { DEFINITIONS_DIRECTORY, DefinitionError, loadChecklists, loadInstruments } from './load.js';

const shipped = (name: string) => JSON.parse(readFileSync(path.join(DEFINITIONS_DIRECTORY, name), 'utf8'));
const directories: string[] = [];
after(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A folder holding the given files; values are written as JSON unless they are already text. */
function folder(files: Record<string, unknown>): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'haven-instruments-'));
  directories.push(directory);
  for (const [name, content] of Object.entries(files))
    writeFileSync(
      path.join(directory, name),
      typeof content === 'string' ? content : JSON.stringify(content),
    );
  return directory;
}

/** The PHQ-9 definition with one change applied. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits raw JSON, which has no type until it is checked.
function brokenPhq9(change: (definition: any) => void): string {
  const definition = shipped('phq-9.json');
  change(definition);
  return folder({ 'phq-9.json': definition });
}

function assertFails(directory: string, ...patterns: RegExp[]) {
  assert.throws(
    () => loadInstruments(directory),
    (error: unknown) => {
      assert.ok(error instanceof DefinitionError, 'a DefinitionError');
      assert.ok(
        error.message.includes(path.join(directory, 'phq-9.json')),
        `names the file: ${error.message}`,
      );
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('the shipped definitions', () => {
  test('all load and validate', () => {
    assert.deepEqual([...loadInstruments().keys()], ['gad-7', 'pcl-5', 'phq-9']);
    assert.deepEqual([...loadChecklists().keys()], ['ketamine-safety', 'tms-safety']);
  });

  test('every definition records its terms, source and version', () => {
    const definitions = [...loadInstruments().values(), ...loadChecklists().values()];
    for (const definition of definitions) {
      assert.ok(definition.terms.summary.length > 40, `${definition.id} states its terms`);
      assert.ok(definition.terms.from.length > 10, `${definition.id} says where its terms come from`);
      assert.ok(definition.source.citation.length > 20, `${definition.id} cites its source`);
      assert.match(definition.version, /^\d+\.\d+\.\d+$/);
    }
    for (const instrument of loadInstruments().values()) {
      assert.ok(instrument.edition.length > 20, `${instrument.id} names the edition it reproduces`);
      assert.ok(instrument.missing.text.length > 40, `${instrument.id} states its missing-answer rule`);
    }
  });

  test('ships neither the MDQ nor the C-SSRS, and the README says why', () => {
    const ids = [...loadInstruments().keys(), ...loadChecklists().keys()];
    assert.ok(!ids.some((id) => /mdq|ssrs/.test(id)));
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const name of ['PHQ-9', 'GAD-7', 'PCL-5', 'MDQ', 'C-SSRS']) assert.ok(readme.includes(name), name);
  });

  test('each call reads the folder afresh: nothing is cached between calls', () => {
    const directory = folder({ 'phq-9.json': shipped('phq-9.json') });
    assert.equal(loadInstruments(directory).get('phq-9')!.title, 'Patient Health Questionnaire (PHQ-9)');
    writeFileSync(
      path.join(directory, 'phq-9.json'),
      JSON.stringify({ ...shipped('phq-9.json'), title: 'Changed' }),
    );
    assert.equal(loadInstruments(directory).get('phq-9')!.title, 'Changed');
  });
});

describe('a broken definition fails loudly, naming the file and the path', () => {
  test('a wrong type deep inside', () => {
    assertFails(
      brokenPhq9((d) => {
        d.items[8].safety.itemAbove = 'zero';
      }),
      /items\[8\]\.safety\.itemAbove: /,
    );
  });

  test('a safety threshold no answer can exceed', () => {
    assertFails(
      brokenPhq9((d) => {
        d.items[8].safety.itemAbove = 3;
      }),
      /items\[8\]\.safety\.itemAbove: must be below the highest answer/,
    );
  });

  test('bands with a gap, or not reaching the top', () => {
    assertFails(
      brokenPhq9((d) => {
        d.bands[1].min = 6;
      }),
      /bands\[1\]\.min: must be 5/,
    );
    assertFails(
      brokenPhq9((d) => {
        d.bands.pop();
      }),
      /bands: the last band must end at 27/,
    );
  });

  test('a declared total range the items do not add up to', () => {
    assertFails(
      brokenPhq9((d) => {
        d.scoring.total.max = 26;
      }),
      /scoring\.total: must be 0–27/,
    );
  });

  test('an item on no page, an unknown item on a page, an unknown answer set', () => {
    assertFails(
      brokenPhq9((d) => {
        d.groups[0].items = ['phq9-1', 'phq9-2', 'phq9-x'];
      }),
      /groups\[0\]\.items: names "phq9-x", which is not an item/,
      /item "phq9-3" is on no page/,
    );
    assertFails(
      brokenPhq9((d) => {
        d.items[0].answerSet = 'often';
      }),
      /items\[0\]\.answerSet: names "often"/,
    );
  });

  test('missing terms, an unknown field, an unknown missing-answer rule', () => {
    assertFails(
      brokenPhq9((d) => {
        delete d.terms;
      }),
      /terms: /,
    );
    assertFails(
      brokenPhq9((d) => {
        d.colour = 'blue';
      }),
      /colour/,
    );
    assertFails(
      brokenPhq9((d) => {
        d.missing.rule = 'prorate';
      }),
      /missing\.rule: /,
    );
  });

  test('a cut-off default outside its own range', () => {
    const definition = shipped('pcl-5.json');
    definition.scoring.probable.cutoff.default = 35;
    const directory = folder({ 'pcl-5.json': definition });
    assert.throws(
      () => loadInstruments(directory),
      /pcl-5\.json[\s\S]*scoring\.probable\.cutoff: default must lie/,
    );
  });

  test('an id unlike its file name, bad JSON, an unknown kind, an empty folder', () => {
    assertFails(
      brokenPhq9((d) => {
        d.id = 'phq-8';
      }),
      /id: must be "phq-9"/,
    );
    assertFails(folder({ 'phq-9.json': '{ "kind": "instrument", ' }), /is not valid JSON/);
    assertFails(folder({ 'phq-9.json': { kind: 'survey' } }), /kind: must be "instrument" or "checklist"/);
    assert.throws(() => loadInstruments(folder({})), /holds no instrument definitions/);
  });

  test('a broken checklist fails the same way', () => {
    const definition = shipped('tms-safety.json');
    delete definition.items[2].reason;
    const directory = folder({ 'tms-safety.json': definition });
    assert.throws(() => loadChecklists(directory), /tms-safety\.json[\s\S]*items\[2\]\.reason: /);
  });
});
