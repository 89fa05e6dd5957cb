import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { createStaffMember, testClock } from '../../test/helpers/staff.js';
import { sendRequestForm } from '../../test/helpers/submissions.js';
import { loadClinicProfile } from '../platform/config/clinic.js';

/**
 * The treatments a clinic offers are data in its profile (issue 14): a clinic whose locations offer only
 * TMS shows ketamine nowhere a person or the front desk would meet it, and refuses it on the form.
 */

const demo = readFileSync(new URL('../../config/demo-clinic.yaml', import.meta.url), 'utf8');

function tmsOnlyClinicFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'haven-tms-only-')), 'clinic.yaml');
  writeFileSync(file, demo.replace('treatments: [ketamine, tms]', 'treatments: [tms]'));
  return file;
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a clinic that offers only TMS', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  test('offers TMS or “not sure” on the request form, and refuses ketamine keeping what was typed', async () => {
    const clock = testClock();
    t = await buildTestApp({
      now: clock.now,
      content: 'none',
      env: { HAVEN_CLINIC_FILE: tmsOnlyClinicFile() },
    });
    const form = (await t.app.inject('/request-appointment?treatment=ketamine')).body;
    assert.match(form, /name="treatment" value="tms"/);
    assert.match(form, /name="treatment" value="not_sure" checked/, 'a link cannot preselect ketamine');
    assert.doesNotMatch(form, /ketamine/i);

    const refused = await sendRequestForm(t.app, {
      idempotency_key: 'tms-only-ketamine-key',
      name: 'Rowan Tmsonly',
      contact_method: 'phone',
      phone: '312 555 0191',
      location: 'oak-park',
      treatment: 'ketamine',
      consent_privacy: 'yes',
      consent_contact: 'yes',
    });
    assert.equal(refused.statusCode, 200, 'the form comes back');
    assert.match(textOf(refused.body), /Choose a treatment, or “Not sure yet”\./);
    assert.match(refused.body, /value="Rowan Tmsonly"/, 'the name typed is still there');

    const home = (await t.app.inject('/')).body;
    assert.match(home, /href="\/treatments\/tms">Transcranial magnetic stimulation \(TMS\)</);
    assert.doesNotMatch(home, /treatments\/ketamine/, 'no card or navigation link to ketamine');
    assert.doesNotMatch(home, /href="\/compare"/, 'nothing to compare with one treatment');
    assert.doesNotMatch((await t.app.inject('/locations')).body, /Ketamine/);
    assert.doesNotMatch((await t.app.inject('/search')).body, /treatments\/ketamine/);
  });

  test('gives the front desk a treatment filter without ketamine', async () => {
    const clock = testClock();
    t = await buildTestApp({
      now: clock.now,
      content: 'none',
      env: { HAVEN_CLINIC_FILE: tmsOnlyClinicFile() },
    });
    const desk = await createStaffMember(t.app, clock, ['front_desk']);
    const inbox = (await desk.client.get('/staff/requests?treatment=ketamine')).body;
    assert.match(inbox, /<option value="tms"/);
    assert.doesNotMatch(inbox, /value="ketamine"/);
  });

  test('a clinic may describe a treatment of its own, and its form offers it', async () => {
    const file = tmsOnlyClinicFile();
    const own = `${readFileSync(file, 'utf8').replace('treatments: [tms]', 'treatments: [tms, spravato]')}
treatments:
  - id: tms
    name: Transcranial magnetic stimulation (TMS)
    shortName: TMS
    choiceLabel: TMS (transcranial magnetic stimulation)
    page: /treatments/tms
    summary: Magnetic pulses that help the part of the brain that controls mood.
  - id: spravato
    name: Esketamine nasal spray (Spravato)
    shortName: Spravato
    choiceLabel: Spravato (esketamine nasal spray)
    page: /treatments/spravato
    summary: A nasal spray you take at the clinic, with staff watching over you for two hours.
`;
    writeFileSync(file, own);
    t = await buildTestApp({ content: 'none', env: { HAVEN_CLINIC_FILE: file } });
    const form = (await t.app.inject('/request-appointment?treatment=spravato')).body;
    assert.match(form, /value="spravato" checked/);
    assert.match(form, /Spravato \(esketamine nasal spray\)/);
    assert.match((await t.app.inject('/')).body, /href="\/treatments\/spravato">Esketamine nasal spray/);
  });
});

test('a location offering a treatment the clinic does not describe is named in the profile error', () => {
  const file = tmsOnlyClinicFile();
  writeFileSync(file, readFileSync(file, 'utf8').replace('treatments: [tms]', 'treatments: [tms, spravato]'));
  const loaded = loadClinicProfile(file);
  assert.ok(!loaded.ok);
  assert.match(
    loaded.error,
    /where locations\[0\]\.treatments\[1\] must be one of the clinic's treatments \(ketamine, tms\), not "spravato"/,
  );
});
