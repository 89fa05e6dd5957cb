import type { Logger } from '../platform/logging/logger.js';
import { type SearchDocument, SearchEngine, type SearchOutcome } from './engine.js';
import type { SynonymTable } from './synonyms.js';

/**
 * Keeps one in-memory index per content version. The index is built in the background at start (the
 * server is not ready until it exists) and rebuilt whenever the content version moves, in whichever
 * process the change was made; searches meanwhile use the previous index.
 */
export interface SearchServiceDeps {
  /** Everything that is searchable right now. */
  documents(): Promise<SearchDocument[]>;
  /** Moves whenever what is published changes. */
  version(): string;
  synonyms: SynonymTable;
  logger: Logger;
  now?: () => number;
}

export function createSearchService(deps: SearchServiceDeps) {
  let engine: SearchEngine | undefined;
  let builtVersion: string | undefined;
  let building: Promise<void> | undefined;
  const now = deps.now ?? (() => performance.now());

  function build(): Promise<void> {
    building ??= (async () => {
      const version = deps.version();
      const started = now();
      try {
        const documents = await deps.documents();
        engine = new SearchEngine(documents, { synonyms: deps.synonyms });
        builtVersion = version;
        deps.logger.info(
          { documents: documents.length, ms: Math.round(now() - started), version },
          'search index built',
        );
      } catch (error) {
        deps.logger.error({ err: error }, 'search index could not be built');
      } finally {
        building = undefined;
      }
    })();
    return building;
  }

  return {
    /** Starts the first build without waiting for it. */
    start(): void {
      void build();
    },
    /** Resolves once an index (for any version) exists. */
    async ready(): Promise<void> {
      while (!engine) await build();
    },
    /** Resolves once the index reflects the current content version. */
    async upToDate(): Promise<void> {
      while (builtVersion !== deps.version()) await build();
    },
    isReady(): boolean {
      return engine !== undefined;
    },
    /** Undefined until the first index exists. */
    search(query: string, limit: number): SearchOutcome | undefined {
      if (builtVersion !== deps.version()) void build();
      return engine?.search(query, limit);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
