import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * /crisis-resources lists every service issue 13 names, each with the way to reach it, the date it was
 * checked and the services' own pages as sources; the retired Lifeline number is gone; Spanish is marked.
 */
describe('the crisis resources page', () => {
  let t: TestApp;
  let body = '';
  let text = '';
  before(async () => {
    t = await buildTestApp({ content: 'none' });
    const response = await t.app.inject('/crisis-resources');
    assert.equal(response.statusCode, 200);
    body = response.body;
    text = body
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
  });
  after(() => t.close());

  test('Spanish text is marked lang="es", so a screen reader speaks it in Spanish (WCAG 3.1.2)', () => {
    assert.match(body, /^<!DOCTYPE html><html lang="en">/i, 'the page itself is English');
    const spanish = [...body.matchAll(/<(\w+)\b[^>]*\blang="es"[^>]*>(.*?)<\/\1>/gs)]
      .map(([, , inner = '']) => inner.replace(/<[^>]+>/g, '').replace(/\s+/g, ' '))
      .join(' ');
    assert.match(spanish, /Llame al 988 y oprima 2/, '988 in Spanish: call and press 2');
    assert.match(spanish, /Envíe AYUDA por texto al 988/, '988 in Spanish: text AYUDA to 988');
    assert.match(spanish, /AYUDA por texto al 741741/, 'Crisis Text Line in Spanish');
    for (const phrase of ['oprima 2', 'AYUDA por texto al 988']) {
      const outside = body.replace(/<(\w+)\b[^>]*\blang="es"[^>]*>.*?<\/\1>/gs, '');
      assert.ok(!outside.includes(phrase), `no copy of "${phrase}" sits outside the marked element`);
    }
  });

  test('every service, with how to reach it', () => {
    for (const href of [
      'tel:988',
      'sms:988',
      'https://988lifeline.org/chat',
      'sms:988?body=AYUDA',
      'sms:741741?body=AYUDA',
      'sms:741741?body=HOME',
      'sms:838255',
      'tel:911',
    ]) {
      assert.ok(body.includes(`href="${href}"`), `a link to ${href}`);
    }
    assert.match(text, /videophone[^.]*American Sign Language/i, '988 by videophone in ASL');
    assert.match(text, /call 988 and press 1, or text 838255/, 'the Veterans Crisis Line');
  });

  test('the date it was checked and the sources are on the page; the retired number is not', () => {
    assert.match(text, /Checked 2026-12-04\. Sources: 988 Suicide & Crisis Lifeline/);
    for (const source of [
      'https://988lifeline.org/',
      'https://www.veteranscrisisline.net/',
      'https://www.crisistextline.org/',
    ]) {
      assert.ok(body.includes(`href="${source}"`), `source ${source}`);
    }
    assert.doesNotMatch(body, /273[-. ]?8255|273-TALK/i);
  });
});
