import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ROOT } from './cli.js';
import { csrfOf, type StaffClient, staffClient } from './staff.js';

/**
 * Helpers for tests that send appointment requests as a browser does: over real HTTP, to a Haven process
 * that can be killed and started again on the same database, or in process, to a test app through inject.
 */

const TSX = import.meta.resolve('tsx');

export interface HavenProcess {
  origin: string;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

export const TEST_MASTER_KEYS = `crash:${randomBytes(32).toString('base64')}`;

export function startHavenProcess(env: Record<string, string>): Promise<HavenProcess> {
  const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'src/main.ts'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      HAVEN_MASTER_KEYS: TEST_MASTER_KEYS,
      HAVEN_RATE_LIMIT_PER_MINUTE: '1000000',
      HAVEN_REQUEST_FORM_LIMIT: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match) resolve({ origin: match[1]!, child, exited });
    });
    child.once('exit', (code) =>
      reject(new Error(`Haven exited (${code}) before listening: ${stderr.slice(-2000)}`)),
    );
  });
}

export interface Submission {
  key: string;
  name: string;
  /** Given, the person also gets an acknowledgement email. */
  email?: string;
}

/** One submission as a browser sends it: fetch the form (for its token), post it, expect the redirect. */
export async function submitRequest(origin: string, submission: Submission): Promise<number> {
  const form = await fetch(`${origin}/request-appointment`, { signal: AbortSignal.timeout(5000) });
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) return form.status;
  const body = new URLSearchParams({
    _csrf: csrf,
    idempotency_key: submission.key,
    name: submission.name,
    contact_method: 'phone',
    phone: '312 555 0123',
    location: 'lakeside',
    treatment: 'not_sure',
    message: `Message of ${submission.name}`,
    consent_privacy: 'yes',
    consent_contact: 'yes',
    ...(submission.email ? { email: submission.email } : {}),
  });
  const response = await fetch(`${origin}/request-appointment`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { 'sec-fetch-site': 'same-origin' },
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Sends the request form in process, as a browser does: opens the form (for its token) and posts `form`
 * with it. `person` is a fresh browser unless the test keeps one (to follow the pages after). The test
 * asserts on the answer: 303 when the request was taken.
 */
export async function sendRequestForm(
  app: FastifyInstance,
  form: Record<string, string | string[]>,
  person: StaffClient = staffClient(app),
): Promise<LightMyRequestResponse> {
  const page = (await person.get('/request-appointment')).body;
  return person.post('/request-appointment', { _csrf: csrfOf(page), ...form });
}
