import type { Config } from '../platform/config/config.js';
import type { MasterKey } from '../platform/crypto/index.js';

/**
 * What `src/main.ts` hands to a command: its settings, parsed once from the environment (the only module that
 * reads process.env), and the way to stop with a sentence and an exit status.
 */
export type Failure = (message: string, code: number) => never;

export interface CliContext {
  /** The settings, parsed when first asked for; stops with one sentence and status 2 if one is bad. */
  config(): Config;
  /** The master keys, for commands that read or write encrypted values; stops with status 2 if unusable. */
  masterKeys(): readonly MasterKey[];
  /** The process environment, for the backup tools (PATH, PG* variables). */
  env: NodeJS.ProcessEnv;
  fail: Failure;
}

export const EXIT_USAGE = 2;
