import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.js';

/**
 * Stateless anti-forgery tokens for forms shown before anyone is signed in (staff sign-in, the public
 * request form): an expiry and an HMAC over the form's purpose and that expiry. They need no database
 * row, so a form still works while the database is briefly away. The key is made once per installation
 * and kept in app_state, so every Haven process checks every other's tokens.
 */

const SECRET_KEY = 'form_token_secret';
export const FORM_TOKEN_MS = 2 * 60 * 60_000;

export async function loadFormTokenSecret(db: Kysely<Database>, now: Date): Promise<Buffer> {
  const existing = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', SECRET_KEY)
    .executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64url');
  await db
    .insertInto('app_state')
    .values({ key: SECRET_KEY, value: randomBytes(32).toString('base64url'), updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_state')
    .select('value')
    .where('key', '=', SECRET_KEY)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

export function createFormTokens(deps: { secret: Buffer; now: () => Date; validMs?: number }) {
  const validMs = deps.validMs ?? FORM_TOKEN_MS;
  const sign = (purpose: string, expires: string) =>
    createHmac('sha256', deps.secret).update(`${purpose}\n${expires}`).digest('base64url');
  return {
    issue(purpose: string): string {
      const expires = String(deps.now().getTime() + validMs);
      return `${expires}.${sign(purpose, expires)}`;
    },
    verify(purpose: string, token: unknown): boolean {
      if (typeof token !== 'string') return false;
      const [expires, mac, extra] = token.split('.');
      if (!expires || !mac || extra !== undefined || !/^\d{13}$/.test(expires)) return false;
      if (Number(expires) <= deps.now().getTime()) return false;
      const expected = Buffer.from(sign(purpose, expires));
      const given = Buffer.from(mac);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type FormTokens = ReturnType<typeof createFormTokens>;
