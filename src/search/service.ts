import type { Logger } from '../platform/logging/logger.js';
import { type CrisisPhrases, createCrisisMatcher } from './crisis.js';
import { BUILD_SLICE_MS, LIMITS, type SearchDocument, SearchEngine, type SearchOutcome } from './engine.js';
import type { SynonymTable } from './synonyms.js';

/**
 * Keeps one in-memory index per content version. The index is built in the background at start (the
 * server is not ready until it exists), a slice at a time so requests and health checks are answered
 * meanwhile, and rebuilt whenever the content version moves, in whichever process the change was made;
 * searches meanwhile use the previous index.
 */
export interface SearchServiceDeps {
  /** Everything that is searchable right now. */
  documents(): Promise<SearchDocument[]>;
  /** Moves whenever what is published changes. */
  version(): string;
  synonyms: SynonymTable;
  /** Words that mean a person may be in crisis (crisis-phrases.json): the answer then starts with help. */
  crisisPhrases: CrisisPhrases;
  logger: Logger;
  now?: () => number;
  /** Work done between two turns of the event loop while building; 0 gives it a turn after every step. */
  sliceMs?: number;
}

export function createSearchService(deps: SearchServiceDeps) {
  let engine: SearchEngine | undefined;
  let builtVersion: string | undefined;
  let building: Promise<void> | undefined;
  /** An index has been asked for (start, ready, a search): from then on it follows the content version. */
  let wanted = false;
  /** The version moved while a build was under way: build again once it is done. */
  let again = false;
  let stopped = false;
  const now = deps.now ?? (() => performance.now());
  const crisis = createCrisisMatcher(deps.crisisPhrases);

  function build(): Promise<void> {
    wanted = true;
    if (stopped) return Promise.resolve();
    building ??= (async () => {
      const version = deps.version();
      const started = now();
      try {
        const documents = await deps.documents();
        engine = await SearchEngine.build(
          documents,
          { synonyms: deps.synonyms },
          deps.sliceMs ?? BUILD_SLICE_MS,
        );
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
      // A change seen while building is built now, without waiting for someone to search.
      if (again && !stopped) {
        again = false;
        if (builtVersion !== deps.version()) void build();
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
      while (!engine && !stopped) await build();
    },
    /** Resolves once the index reflects the current content version. */
    async upToDate(): Promise<void> {
      while (builtVersion !== deps.version() && !stopped) await build();
    },
    /**
     * The content version has moved (the watcher saw it, in this process or from another): once an index
     * has been asked for, it is rebuilt now, so the next search already finds the new words.
     */
    refresh(): void {
      if (!wanted || stopped || builtVersion === deps.version()) return;
      if (building) again = true;
      else void build();
    },
    isReady(): boolean {
      return engine !== undefined;
    },
    /** The content version the current index was built from; undefined before the first index. */
    indexedVersion(): string | undefined {
      return builtVersion;
    },
    /** Undefined until the first index exists. */
    search(query: string, limit: number): SearchOutcome | undefined {
      if (builtVersion !== deps.version()) void build();
      return engine?.search(query, limit);
    },
    /**
     * Whether the words typed may mean the person is thinking of suicide or self-harm. Answered from the
     * phrases alone, so it holds while the index is still being built; the words are neither logged nor kept.
     */
    hearsDistress(query: string): boolean {
      return crisis.heard(query.slice(0, LIMITS.queryLength));
    },
    /** No more builds; resolves once one under way has finished, so the database can be closed after. */
    async stop(): Promise<void> {
      stopped = true;
      await building;
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
