import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * With two CPUs or more and `taskset` (util-linux), the bench gives the load generator one CPU and the
 * server under test (Haven or the ceiling, one at a time) another, so neither steals time from the other
 * and the ratio measures the servers, not the scheduler. Without them, everything shares every CPU.
 */
export interface Pinning {
  loadCpu: string;
  serverCpu: string;
}

export function choosePinning(): Pinning | null {
  if (process.env.BENCH_NO_PINNING === '1' || availableParallelism() < 2) return null;
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  return { loadCpu: '0', serverCpu: '1' };
}

/** Moves every thread of this process (and so the load generator's worker, started later) to one CPU. */
export function pinThisProcess(cpu: string): void {
  const result = spawnSync('taskset', ['-a', '-p', '-c', cpu, String(process.pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset could not pin the bench to CPU ${cpu}: ${result.stderr}`);
}

/** The command that starts `command` on one CPU (taskset execs it: the pid stays the same). */
export function pinnedCommand(pinning: Pinning | null, command: string, args: string[]): [string, string[]] {
  return pinning ? ['taskset', ['-c', pinning.serverCpu, command, ...args]] : [command, args];
}
