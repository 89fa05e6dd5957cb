import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCodeAt } from '../../src/staff/mfa/totp.js';
import type { Role } from '../../src/staff/permissions.js';

/** A settable clock for tests that move time (session expiry, TOTP steps). */
export function testClock(start = Date.parse('2026-11-25T15:00:00.000Z')) {
  const clock = {
    ms: start,
    now: () => new Date(clock.ms),
    advance(ms: number) {
      clock.ms += ms;
    },
  };
  return clock;
}
export type TestClock = ReturnType<typeof testClock>;

/** Cookies as a browser keeps them between requests: set by Set-Cookie, dropped when cleared. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const cleared =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The hidden _csrf value of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has a form with a _csrf field');
  return match[1]!;
}

/** A browser-like client for app.inject: keeps cookies, sends forms the way a same-origin form does. */
export function staffClient(app: FastifyInstance) {
  const jar = new CookieJar();
  const client = {
    jar,
    async get(url: string): Promise<LightMyRequestResponse> {
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { cookie: jar.header(), host: 'localhost' },
      });
      jar.take(response);
      return response;
    },
    async post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(form))
        for (const one of [value].flat()) body.append(name, one);
      const response = await app.inject({
        method: 'POST',
        url,
        headers: {
          cookie: jar.header(),
          host: 'localhost',
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          ...headers,
        },
        payload: body.toString(),
      });
      jar.take(response);
      return response;
    },
    /** Posts a form found on `page`, with its _csrf token. */
    async submit(page: string, url: string, form: Record<string, string | string[]>) {
      const html = (await client.get(page)).body;
      return client.post(url, { ...form, _csrf: csrfOf(html) });
    },
  };
  return client;
}
export type StaffClient = ReturnType<typeof staffClient>;

export interface StaffMember {
  id: string;
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
  client: StaffClient;
}

export const GOOD_PASSWORD = 'lantern orchard velvet 42';

/** Completes a setup link in a fresh client, as its owner would; returns the signed-in client. */
export async function completeSetup(
  app: FastifyInstance,
  link: string,
  clock: TestClock,
  who: { email?: string; displayName?: string; password?: string } = {},
): Promise<Omit<StaffMember, 'id' | 'email'>> {
  const client = staffClient(app);
  const url = new URL(link);
  const opened = await client.get(`${url.pathname}${url.search}`);
  assert.equal(opened.statusCode, 303, 'the link moves its token into a cookie and redirects');
  const password = who.password ?? GOOD_PASSWORD;
  const form = (await client.get('/staff/setup')).body;
  const chosen = await client.post('/staff/setup/password', {
    _csrf: csrfOf(form),
    ...(who.email ? { email: who.email } : {}),
    ...(who.displayName ? { displayName: who.displayName } : {}),
    password,
    confirm: password,
  });
  assert.equal(chosen.statusCode, 303, chosen.body);
  const enrolPage = (await client.get('/staff/setup/authenticator')).body;
  const secret = /id="totp-key">([A-Z2-7 ]+)</.exec(enrolPage)?.[1]?.replace(/ /g, '');
  assert.ok(secret, 'the enrolment page shows the key as text');
  const confirmed = await client.post('/staff/setup/authenticator', {
    _csrf: csrfOf(enrolPage),
    code: totpCodeAt(secret, clock.ms),
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
  const recoveryCodes = [
    ...confirmed.body.matchAll(/<li><code>([a-z0-9]{4}(?:-[a-z0-9]{4}){5})<\/code><\/li>/g),
  ].map((m) => m[1]!);
  assert.equal(recoveryCodes.length, 10);
  // The next code must come from a later step: TOTP codes are single-use.
  clock.advance(30_000);
  return { password, secret, recoveryCodes, client };
}

/** Creates a staff member through the service (as the CLI does) and finishes their setup. */
export async function createStaffMember(
  app: FastifyInstance,
  clock: TestClock,
  roles: Role[],
  email = `${roles.join('-')}-${Math.random().toString(36).slice(2, 8)}@clinic.example`,
): Promise<StaffMember> {
  const created = await app.staffAccounts.create(
    { kind: 'cli' },
    { email, displayName: `Test ${roles.join(' ')}`, roles },
  );
  assert.ok(created.ok);
  const member = await completeSetup(app, created.value.link, clock);
  return { id: created.value.user.id, email, ...member };
}

/** Signs in with password and TOTP code in a fresh client. */
export async function signIn(
  app: FastifyInstance,
  clock: TestClock,
  member: Pick<StaffMember, 'email' | 'password' | 'secret'>,
) {
  const client = staffClient(app);
  const password = await client.submit('/staff/sign-in', '/staff/sign-in', {
    email: member.email,
    password: member.password,
  });
  assert.equal(password.statusCode, 303, password.body);
  const code = await client.submit('/staff/sign-in/code', '/staff/sign-in/code', {
    code: totpCodeAt(member.secret, clock.ms),
  });
  assert.equal(code.statusCode, 303, code.body);
  clock.advance(30_000);
  return client;
}
