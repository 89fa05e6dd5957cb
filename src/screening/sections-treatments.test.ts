import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadChecklists, loadInstruments } from './instruments/index.js';
import { planFor } from './sections.js';

/** Issue 14: a person "not sure yet" answers the checklists of the treatments this clinic offers, and no other. */
test('a person not sure yet gets the checklist of every treatment the clinic offers, and only those', () => {
  const instruments = loadInstruments();
  const checklists = loadChecklists();
  const sectionsOf = (treatment: string, offered: string[]) =>
    planFor({ treatment, concerns: [], adult: true }, offered, instruments, checklists).map((s) => s.id);

  assert.deepEqual(sectionsOf('not_sure', ['tms']), ['phq-9', 'gad-7', 'tms-safety']);
  assert.deepEqual(sectionsOf('not_sure', ['ketamine', 'tms']), [
    'phq-9',
    'gad-7',
    'ketamine-safety',
    'tms-safety',
  ]);
  assert.deepEqual(sectionsOf('ketamine', ['ketamine', 'tms']), ['phq-9', 'gad-7', 'ketamine-safety']);
});
