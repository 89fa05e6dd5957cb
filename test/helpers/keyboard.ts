import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { totpCodeAt } from '../../src/staff/mfa/totp.js';
import type { Role } from '../../src/staff/permissions.js';
import type { LiveServer } from './server.js';
import { createStaffMember, testClock } from './staff.js';

/** Presses Tab until the element with this id has focus, as a keyboard user would; fails if it never does. */
export async function tabTo(page: Page, id: string, most = 80): Promise<void> {
  for (let i = 0; i < most; i += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`could not reach #${id} with Tab`);
}

/** Presses Tab until a link or button whose text holds `text` has focus. */
export async function tabToText(page: Page, text: string, most = 40): Promise<void> {
  for (let i = 0; i < most; i += 1) {
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element && ['A', 'BUTTON'].includes(element.tagName) ? (element.textContent ?? '') : '';
    });
    if (focused.includes(text)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`could not reach "${text}" with Tab`);
}

/**
 * A page in a fresh browser context, signed in through the sign-in form as a new staff member with these
 * roles. Their setup used this TOTP step's code; the next step's is accepted (clock drift) and unused.
 */
export async function signedInStaffPage(browser: Browser, server: LiveServer, roles: Role[]): Promise<Page> {
  const clock = testClock(Date.now());
  const member = await createStaffMember(server.server.app, clock, roles);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.origin}/staff/sign-in`);
  await page.getByLabel('Email address').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page
    .getByLabel('Code from your authenticator app')
    .fill(totpCodeAt(member.secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/staff');
  return page;
}
