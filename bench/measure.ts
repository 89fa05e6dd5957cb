import autocannon, { type Result } from 'autocannon';

/**
 * One line of the table. `ceiling: true` targets the bare in-memory server; every other row targets
 * Haven and is compared with the ceiling row of the same path. `path` is joined to the target's base
 * address.
 */
export interface Row {
  name: string;
  path: string;
  ceiling: boolean;
  /** The ratio this row should reach; printed as PASS or BELOW TARGET. */
  target?: number;
}

export interface LoadSettings {
  connections: number;
  pipelining: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Measurement {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Failed requests: connection errors (autocannon counts timeouts among them) plus non-2xx answers. */
  failures: number;
  statusCodes: string;
}

function load(url: string, connections: number, pipelining: number, seconds: number): Promise<Result> {
  // workers: 1 fires the load from a worker thread (on the load generator's CPU when pinned, bench/cpus.ts);
  // every row gets the same load generator.
  return Promise.resolve(autocannon({ url, connections, pipelining, duration: seconds, workers: 1 }));
}

/** A warm-up run whose result is thrown away, then the measured run. */
export async function measure(url: string, settings: LoadSettings): Promise<Measurement> {
  const { connections, pipelining, seconds, warmupSeconds } = settings;
  await load(url, connections, pipelining, warmupSeconds);
  const result = await load(url, connections, pipelining, seconds);
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.non2xx,
    statusCodes: Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' '),
  };
}
