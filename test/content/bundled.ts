import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ParsedItem, parseContentFile } from '../../src/content/import/parse-file.js';

/** The bundled Markdown in content/, parsed the way `content import` parses it (README.md is the guide). */

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');

export function bundledContent(): ParsedItem[] {
  return readdirSync(CONTENT_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md')
    .map((entry) => path.relative(CONTENT_DIR, path.join(entry.parentPath, entry.name)))
    .sort()
    .map((file) => {
      const result = parseContentFile(file, readFileSync(path.join(CONTENT_DIR, file), 'utf8'));
      if (!result.ok) throw new Error(result.errors.join('\n'));
      return result.item;
    });
}
