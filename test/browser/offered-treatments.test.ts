import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from '../helpers/browser.js';
import { type LiveServer, startLiveServer } from '../helpers/server.js';

/** Issue 14: the request form of a clinic that offers only TMS, as a person sees it in Chromium. */

let server: LiveServer | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a TMS-only clinic’s request form offers TMS or “Not sure yet”, and no ketamine', async (t) => {
  const demo = readFileSync(new URL('../../config/demo-clinic.yaml', import.meta.url), 'utf8');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'haven-tms-browser-')), 'clinic.yaml');
  writeFileSync(file, demo.replace('treatments: [ketamine, tms]', 'treatments: [tms]'));
  server = await startLiveServer({ env: { HAVEN_CLINIC_FILE: file } });
  browser = await launchBrowser(t);
  if (!browser) return;
  const page = await browser.newPage();
  await page.goto(`${server.origin}/request-appointment`);
  const group = page.getByRole('group', { name: 'Which treatment are you interested in?' });
  const choices = await group
    .getByRole('radio')
    .evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ''),
    );
  assert.deepEqual(choices, ['TMS (transcranial magnetic stimulation)', 'Not sure yet']);
  assert.equal(await page.getByText(/ketamine/i).count(), 0, 'ketamine appears nowhere on the page');
  assert.deepEqual(await axeViolations(page), []);
});
