import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The files a backup or restore writes: always under a temporary name in the destination's own folder, then
 * renamed, so a half-written file never carries the name of a backup (or of a live database).
 */

export type BackupKind = 'sqlite' | 'postgres' | 'postgres-plain' | 'empty' | 'unknown';

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_CUSTOM_MAGIC = 'PGDMP';

/** What a file holds, from its first bytes: an SQLite database, a pg_dump archive, or something else. */
export function detectBackupKind(file: string): BackupKind {
  const head = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read === 0) return 'empty';
  const text = head.subarray(0, read).toString('latin1');
  if (text.startsWith(SQLITE_MAGIC)) return 'sqlite';
  if (text.startsWith(PG_CUSTOM_MAGIC)) return 'postgres';
  if (/^--\s*\n--\s*PostgreSQL database dump/.test(text)) return 'postgres-plain';
  return 'unknown';
}

export function describeKind(kind: BackupKind): string {
  switch (kind) {
    case 'sqlite':
      return 'an SQLite backup';
    case 'postgres':
      return 'a PostgreSQL backup (pg_dump custom format)';
    case 'postgres-plain':
      return 'a plain-SQL pg_dump; `haven restore` reads custom-format archives (pg_dump --format=custom, as `haven backup` writes them), and a plain dump is restored with psql';
    case 'empty':
      return 'an empty file';
    case 'unknown':
      return 'neither an SQLite database nor a pg_dump archive';
  }
}

/** A name beside `file` that no one else uses and that never looks like the finished file. */
export function temporaryNameFor(file: string, purpose: string): string {
  return path.join(
    path.dirname(file),
    `.${path.basename(file)}.${purpose}-${randomBytes(4).toString('hex')}`,
  );
}

function fsyncPath(target: string, flags: 'r' | 'r+'): void {
  const fd = openSync(target, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes `temporary` durable, gives it its final name, and makes the rename durable too. */
export function publish(temporary: string, file: string): void {
  fsyncPath(temporary, 'r+');
  renameSync(temporary, file);
  try {
    fsyncPath(path.dirname(file), 'r');
  } catch {
    // Some file systems cannot fsync a directory; the rename has still happened.
  }
}

export function discard(...files: string[]): void {
  for (const file of files) rmSync(file, { force: true });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
