import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema.js';
import type { EncryptedColumns } from './encrypted-columns.js';
import type { Cipher } from './envelope.js';

/**
 * Re-wraps every sealed value whose data key is wrapped by an old master key, so the old key can then be
 * removed (decision 011). Haven keeps serving meanwhile: values are read in small keyset batches outside any
 * transaction, and each batch is written in its own short transaction where every update is optimistic
 * (`… where id = ? and column = <the value read>`). A value someone changed in between is read again and
 * retried, never overwritten. Running it again finds only what is left, so it is resumable and idempotent.
 */
export interface RotationDeps {
  db: Kysely<Database>;
  cipher: Cipher;
  columns: readonly EncryptedColumns[];
  /** Values read and written per transaction. */
  batchSize?: number;
  onProgress?: (progress: ColumnRotation) => void;
}

export interface ColumnRotation {
  table: string;
  column: string;
  /** Non-null values looked at. */
  scanned: number;
  rewrapped: number;
  /** Already under the active key (including values changed by someone else during the run). */
  current: number;
  /** Values that cannot be opened (missing key, altered, wrong place): left as they are, named by id. */
  unreadable: { id: string; reason: string }[];
  /** Values changed by someone else on every attempt: run the rotation again. */
  unfinished: string[];
}

export interface RotationReport {
  activeKeyId: string;
  columns: ColumnRotation[];
  /** Tables on the list that this database does not have (yet). */
  missingTables: string[];
  /** True when nothing is left under an old key. */
  complete: boolean;
}

type Id = string | number;
const ATTEMPTS = 3;

export async function rotateKeys(deps: RotationDeps): Promise<RotationReport> {
  const { db, cipher, columns } = deps;
  const batchSize = deps.batchSize ?? 100;
  const tables = new Set((await db.introspection.getTables()).map((table) => table.name));
  const report: RotationReport = {
    activeKeyId: cipher.activeKeyId,
    columns: [],
    missingTables: [],
    complete: true,
  };
  for (const target of columns) {
    if (!tables.has(target.table)) {
      report.missingTables.push(target.table);
      continue;
    }
    for (const column of target.columns) {
      const result = await rotateColumn({
        db,
        cipher,
        target,
        column,
        batchSize,
        onProgress: deps.onProgress,
      });
      report.columns.push(result);
      if (result.unreadable.length > 0 || result.unfinished.length > 0) report.complete = false;
    }
  }
  return report;
}

interface ColumnJob {
  db: Kysely<Database>;
  cipher: Cipher;
  target: EncryptedColumns;
  column: string;
  batchSize: number;
  onProgress: ((progress: ColumnRotation) => void) | undefined;
}

type Step = { kind: 'current' } | { kind: 'unreadable'; reason: string } | { kind: 'rewrap'; next: string };

/** What to do with one value: re-wrap it, proved readable in its own place, or leave it. */
function plan(job: ColumnJob, id: Id, value: string): Step {
  try {
    const next = job.cipher.rewrap(value);
    if (next === null) return { kind: 'current' };
    job.cipher.open(next, job.target.context(job.column, id));
    return { kind: 'rewrap', next };
  } catch (error) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

async function rotateColumn(job: ColumnJob): Promise<ColumnRotation> {
  const { db, target, column, batchSize } = job;
  const result: ColumnRotation = {
    table: target.table,
    column,
    scanned: 0,
    rewrapped: 0,
    current: 0,
    unreadable: [],
    unfinished: [],
  };
  const table = sql.table(target.table);
  const idRef = sql.ref(target.idColumn);
  const valueRef = sql.ref(column);
  let last: Id | undefined;
  for (;;) {
    const after = last === undefined ? sql.raw('') : sql`and ${idRef} > ${last}`;
    const { rows } = await sql<{ id: Id; value: string }>`
      select ${idRef} as id, ${valueRef} as value from ${table}
      where ${valueRef} is not null ${after} order by ${idRef} limit ${batchSize}`.execute(db);
    if (rows.length === 0) break;
    last = rows.at(-1)!.id;
    let pending: { id: Id; value: string; next: string }[] = [];
    for (const row of rows) {
      result.scanned += 1;
      const step = plan(job, row.id, row.value);
      if (step.kind === 'current') result.current += 1;
      else if (step.kind === 'unreadable')
        result.unreadable.push({ id: String(row.id), reason: step.reason });
      else pending.push({ id: row.id, value: row.value, next: step.next });
    }
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const changed = await db.transaction().execute(async (trx) => {
        const lost: Id[] = [];
        for (const item of pending) {
          const update = await sql`
            update ${table} set ${valueRef} = ${item.next}
            where ${idRef} = ${item.id} and ${valueRef} = ${item.value}`.execute(trx);
          if (Number(update.numAffectedRows ?? 0) === 1) result.rewrapped += 1;
          else lost.push(item.id);
        }
        return lost;
      });
      if (attempt === ATTEMPTS) {
        result.unfinished.push(...changed.map(String));
        break;
      }
      pending = [];
      for (const id of changed) {
        // Someone changed (or cleared) this value after it was read: plan again from what is there now.
        const { rows: now } = await sql<{ value: string | null }>`
          select ${valueRef} as value from ${table} where ${idRef} = ${id}`.execute(db);
        const value = now[0]?.value;
        if (value === undefined || value === null) continue;
        const step = plan(job, id, value);
        if (step.kind === 'current') result.current += 1;
        else if (step.kind === 'unreadable') result.unreadable.push({ id: String(id), reason: step.reason });
        else pending.push({ id, value, next: step.next });
      }
    }
    job.onProgress?.({ ...result, unreadable: [...result.unreadable], unfinished: [...result.unfinished] });
  }
  return result;
}
