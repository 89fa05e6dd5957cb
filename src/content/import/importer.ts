import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ContentRepository, UpsertReport } from '../repository.js';
import { type ParsedItem, parseContentFile } from './parse-file.js';

export interface ImportReport extends UpsertReport {
  /** Files read. */
  files: number;
  /** One line per problem, `file:line: field: what is wrong`; files with any problem were not imported. */
  errors: string[];
}

/** The longest bundled article is under 10 KB; a file far past that is not a page anyone wrote. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Every Markdown file below `dir`, in a stable order. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        entry.name.endsWith('.md') &&
        // A folder's README.md is its authoring guide, not a page.
        entry.name !== 'README.md',
    )
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Reads every Markdown file below `dir`, checks each whole, and upserts the good ones by slug. A file with
 * any error is left out, and so are both files of a duplicate slug (neither can be said to be the right one).
 */
export async function importContentDirectory(
  dir: string,
  repository: ContentRepository,
  now: Date,
  options: { displayRoot?: string } = {},
): Promise<ImportReport> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    return { files: 0, errors: [`${dir}: is not a folder`], created: [], updated: [], unchanged: [] };
  }
  const root = options.displayRoot ?? process.cwd();
  const files = markdownFiles(dir);
  const errors: string[] = [];
  const parsed: ParsedItem[] = [];
  for (const file of files) {
    const shown = path.relative(root, file) || file;
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      errors.push(
        `${shown}:1: file: is ${(size / 1024 / 1024).toFixed(1)} MB; a content file may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
      );
      continue;
    }
    let result: ReturnType<typeof parseContentFile>;
    try {
      result = parseContentFile(shown, readFileSync(file, 'utf8'));
    } catch (error) {
      // Whatever a hostile file does to the parser is that file's problem; the others are still imported.
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
      result = { ok: false, errors: [`${shown}:1: front matter: could not be read (${reason})`] };
    }
    if (result.ok) parsed.push(result.item);
    else errors.push(...result.errors);
  }

  const claims = new Map<string, ParsedItem[]>();
  for (const item of parsed) {
    for (const slug of [item.slug, ...item.redirectFrom])
      claims.set(slug, [...(claims.get(slug) ?? []), item]);
  }
  const rejected = new Set<ParsedItem>();
  for (const [slug, items] of claims) {
    if (items.length < 2) continue;
    for (const item of items) {
      const others = items.filter((other) => other !== item).map((other) => other.sourceFile);
      const how = item.slug === slug ? 'slug' : 'redirect_from';
      errors.push(
        `${item.sourceFile}:${item.slugLine}: ${how}: "${slug}" is also used by ${others.join(', ')}`,
      );
      rejected.add(item);
    }
  }
  const accepted = parsed.filter((item) => !rejected.has(item));
  const report = await repository.upsertBySlug(accepted, now);
  return { files: files.length, errors, ...report };
}
