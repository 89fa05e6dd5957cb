import autocannon from 'autocannon';
import pg from 'pg';
import type { Pinning } from './cpus.js';
import { startHaven } from './haven.js';
import { get } from './http.js';

/**
 * Durable appointment requests a second: 16 connections post the request form (each with its own
 * idempotency key, so each is a new request) to Haven on each engine. A 303 means the request, its audit
 * entry and its outbox messages were committed (SQLite synchronous=FULL; PostgreSQL's commit).
 */

const CONNECTIONS = 16;

export interface SubmissionRow {
  engine: 'sqlite' | 'postgres';
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  failed: number;
  skipped?: string;
}

async function postgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | string> {
  const base = process.env.HAVEN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `haven_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return `PostgreSQL not reachable at ${base} (${(error as Error).message})`;
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export async function measureSubmissions(
  root: string,
  pinning: Pinning | null,
  engine: 'sqlite' | 'postgres',
  seconds: number,
): Promise<SubmissionRow> {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  if (engine === 'postgres') {
    const made = await postgresDatabase();
    if (typeof made === 'string')
      return { engine, reqPerSec: 0, p50Ms: 0, p99Ms: 0, acknowledged: 0, failed: 0, skipped: made };
    database = made;
  }
  const haven = await startHaven(root, 1_000_000_000, pinning, {
    HAVEN_REQUEST_FORM_LIMIT: '1000000',
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  try {
    const form = await get(`${haven.url}/request-appointment`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body.toString('utf8'))?.[1];
    if (!token) throw new Error('the request form carried no form token');
    let n = 0;
    const body = () =>
      new URLSearchParams({
        _csrf: token,
        idempotency_key: `bench-${engine}-${Date.now()}-${n++}`,
        name: `Bench Person ${n}`,
        contact_method: 'phone',
        phone: '312 555 0123',
        location: 'lakeside',
        treatment: 'not_sure',
        message: 'A message of ordinary length from the bench, to be sealed and stored like any other.',
        consent_privacy: 'yes',
        consent_contact: 'yes',
      }).toString();
    const result = await autocannon({
      url: `${haven.url}/request-appointment`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: body() }) }],
    });
    const acknowledged = result.statusCodeStats['303']?.count ?? 0;
    const total = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
    return {
      engine,
      reqPerSec: acknowledged / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      acknowledged,
      failed: total - acknowledged + result.errors,
    };
  } finally {
    await haven.stop();
    await database?.drop();
  }
}
