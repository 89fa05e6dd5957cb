import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checklistReview, checklistYesItems, validateChecklistAnswers } from './checklist.js';
import { loadChecklists } from './load.js';

const checklists = loadChecklists();
const ketamine = checklists.get('ketamine-safety')!;
const tms = checklists.get('tms-safety')!;

describe('safety checklist content', () => {
  test('covers the cautions of the issue', () => {
    const tmsText = tms.items.map((item) => item.text).join('\n');
    for (const topic of [
      /metal/,
      /cochlear/,
      /vagus nerve/,
      /pacemaker/,
      /seizure/,
      /epilepsy/,
      /head injury/,
    ])
      assert.match(tmsText, topic);
    const ketamineText = ketamine.items.map((item) => item.text).join('\n');
    for (const topic of [
      /high blood pressure/,
      /aneurysm/,
      /arteriovenous malformation/,
      /bleeding in or around your brain/,
      /psychosis/,
      /energy/,
      /pregnant/,
      /alcohol, cannabis, or other drugs/,
      /heart/,
      /liver/,
      /kidney/,
      /reaction to ketamine/,
    ])
      assert.match(ketamineText, topic);
  });

  test('covers the TMS screening topics of the IFCN 2021 questionnaire and the device labelling', () => {
    const text = (linkId: string) => tms.items.find((item) => item.linkId === linkId)?.text ?? '';
    const topics: [string, RegExp][] = [
      ['tms-metal', /aneurysm[\s\S]*shrapnel/],
      ['tms-cochlear', /cochlear implant/],
      ['tms-stimulator', /brain stimulator/],
      ['tms-implanted-device', /pacemaker/],
      ['tms-shunt', /shunt/],
      ['tms-eye-implant', /implant in your eye/],
      ['tms-dental-magnet', /held in place by magnets/],
      ['tms-tattoo', /tattoo[\s\S]*head, face/],
      ['tms-seizures', /epilepsy/],
      ['tms-head-injury', /head injury/],
      ['tms-family-epilepsy', /parent[\s\S]*epilepsy/],
      ['tms-fainting', /fainted/],
      ['tms-medicines', /bupropion[\s\S]*ADHD/],
      ['tms-drugs', /cocaine/],
      ['tms-alcohol', /alcohol[\s\S]*stopped/],
      ['tms-benzo-stop', /stopped or cut down[\s\S]*Xanax/],
      ['tms-sleep', /less sleep/],
      ['tms-hearing', /tinnitus/],
      ['tms-pregnancy', /pregnant/],
      ['tms-bipolar', /bipolar disorder/],
    ];
    for (const [linkId, topic] of topics) assert.match(text(linkId), topic, linkId);
  });

  test('covers the medicines, bladder, past use and bipolar questions before ketamine or Spravato', () => {
    const text = (linkId: string) => ketamine.items.find((item) => item.linkId === linkId)?.text ?? '';
    const topics: [string, RegExp][] = [
      ['ket-benzodiazepines', /benzodiazepine/],
      ['ket-sleep-medicine', /help you sleep/],
      ['ket-opioids', /opioid/],
      ['ket-stimulants', /stimulant[\s\S]*ADHD/],
      ['ket-maoi', /MAOI/],
      ['ket-bladder', /bladder/],
      ['ket-past-use', /ketamine before[\s\S]*PCP/],
      ['ket-bipolar', /bipolar disorder/],
    ];
    for (const [linkId, topic] of topics) assert.match(text(linkId), topic, linkId);
    assert.match(ketamine.title, /ketamine or Spravato/, 'the person sees it covers Spravato too');
    for (const linkId of ['ket-liver', 'ket-brain-bleed'])
      assert.match(
        ketamine.items.find((item) => item.linkId === linkId)!.reason,
        /ketamine label/,
        `${linkId} cites the ketamine label's warning`,
      );
  });

  test('never tells the person they are ineligible, and says a "yes" is for discussion', () => {
    for (const checklist of [ketamine, tms]) {
      const shown = [checklist.title, checklist.intro, ...checklist.items.map((item) => item.text)].join(
        '\n',
      );
      assert.doesNotMatch(
        shown,
        /eligib|disqualif|not allowed|cannot have|can't have|not suitable|rule(d)? you out/i,
      );
      // Issue 13: the intro no longer says a "yes" rules nothing out, because some answers can.
      assert.match(checklist.intro, /may mean that (ketamine or Spravato|TMS) is not safe for you/);
      assert.doesNotMatch(checklist.intro, /does not rule anything out/);
      assert.match(checklist.intro, /clinician will talk through/);
      for (const item of checklist.items) assert.ok(item.reason.length > 30, `${item.linkId} has a reason`);
    }
  });
});

describe('validateChecklistAnswers', () => {
  const page = tms.groups[1]!.items;

  test('accepts yes, no and not sure', () => {
    assert.deepEqual(
      validateChecklistAnswers(
        tms,
        { 'tms-seizures': 'yes', 'tms-head-injury': 'no', 'tms-brain-condition': 'not-sure' },
        page,
      ),
      {
        ok: true,
        answers: { 'tms-seizures': 'yes', 'tms-head-injury': 'no', 'tms-brain-condition': 'not-sure' },
      },
    );
  });

  test('refuses anything else, a blank, and an unknown question', () => {
    const result = validateChecklistAnswers(
      tms,
      { 'tms-seizures': 'maybe', 'tms-brain-condition': 'no', other: 'yes' },
      page,
    );
    assert.deepEqual(!result.ok && result.errors, [
      {
        linkId: 'tms-seizures',
        message:
          'Choose one of the answers to “Have you ever had a seizure or been told you have epilepsy”: “Yes”, “No” or “Not sure”.',
      },
      {
        linkId: 'tms-head-injury',
        // The question was reworded for readability (issue 13), so its quoted start changed with it.
        message:
          'Choose an answer to “Have you had a head injury or concussion recently, or ever been knocked out by…”.',
      },
      { linkId: 'other', message: 'This answer does not belong to any question on this form.' },
    ]);
  });
});

describe('checklist review for the clinician', () => {
  test('lists the "yes" items in checklist order with their reasons, and "not sure" apart', () => {
    const answers = {
      'ket-psychosis': 'yes',
      'ket-blood-pressure': 'yes',
      'ket-pregnancy': 'not-sure',
      'ket-liver': 'no',
    } as const;
    const yes = checklistYesItems(ketamine, answers);
    assert.deepEqual(
      yes.map((item) => item.linkId),
      ['ket-blood-pressure', 'ket-psychosis'],
    );
    assert.match(yes[0]!.reason, /blood pressure/);
    const review = checklistReview(ketamine, answers);
    assert.deepEqual(
      review.notSure.map((item) => item.linkId),
      ['ket-pregnancy'],
    );
    assert.equal(review.unanswered.length, ketamine.items.length - 4);
    assert.ok(!review.unanswered.includes('ket-liver'));
  });

  test('all "no" gives nothing to discuss', () => {
    const answers = Object.fromEntries(tms.items.map((item) => [item.linkId, 'no' as const]));
    assert.deepEqual(checklistReview(tms, answers), { yes: [], notSure: [], unanswered: [] });
  });

  test('refuses stored answers it does not know', () => {
    assert.throws(() => checklistYesItems(tms, { 'ket-liver': 'yes' }), /has no item "ket-liver"/);
    assert.throws(() => checklistYesItems(tms, { 'tms-metal': 'maybe' as 'yes' }), /not an answer/);
  });
});
