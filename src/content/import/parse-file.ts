import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { h1Lines, rawHtmlLines } from '../markdown.js';
import { type ContentItem, FrontMatter, TREATMENT_ATTRIBUTES } from '../schema.js';

/**
 * One Markdown file with YAML front matter, checked whole. Every problem is reported as
 * `file:line: field: what is wrong`, so an author can jump straight to it.
 */

export type ParsedItem = Omit<ContentItem, 'id'> & { slugLine: number };
export type ParseResult = { ok: true; item: ParsedItem } | { ok: false; errors: string[] };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

/** Front matter is a dozen short fields; more than this is a mistake or an attack on the parser. */
export const MAX_FRONT_MATTER_CHARS = 16 * 1024;
/** An anchor may be reused a few times; a file that expands aliases further is refused (a "billion laughs"). */
const MAX_ALIAS_COUNT = 10;

export function parseContentFile(file: string, text: string): ParseResult {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    return {
      ok: false,
      errors: [`${file}:1: front matter: must start with a line "---", the YAML fields, and a closing "---"`],
    };
  }
  const yamlText = match[1]!;
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    return {
      ok: false,
      errors: [
        `${file}:2: front matter: is ${Math.ceil(yamlText.length / 1024)} KB; it may be at most ${MAX_FRONT_MATTER_CHARS / 1024} KB, so move long text into the body`,
      ],
    };
  }
  const bodyStartLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1;
  const body = text.slice(match[0].length);
  const lineCounter = new LineCounter();
  // Failsafe: every value is the text as written (no numbers, dates or booleans guessed from it).
  const document = parseDocument(yamlText, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'failsafe',
  });
  // The YAML starts on line 2 of the file, after the opening ---.
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;

  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map(
        (error) => `${file}:${lineAt(error.pos[0])}: front matter: ${error.message.split('\n')[0]}`,
      ),
    };
  }
  if (!isMap(document.contents)) {
    return { ok: false, errors: [`${file}:2: front matter: must be a list of "field: value" lines`] };
  }

  /** The line of the value at `fieldPath`, or of the nearest parent that exists. */
  const lineOf = (fieldPath: readonly PropertyKey[]): number => {
    for (let length = fieldPath.length; length > 0; length--) {
      const node = document.getIn(fieldPath.slice(0, length) as (string | number)[], true);
      if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range))
        return lineAt(node.range[0]);
      // A key whose value is empty: find the key itself.
      if (length === 1 && isMap(document.contents)) {
        const pair = document.contents.items.find(
          (item) => isScalar(item.key) && item.key.value === fieldPath[0],
        );
        if (pair && isScalar(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
      }
    }
    return 1;
  };

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const problem = error.message.startsWith('Excessive alias')
      ? 'repeats an alias (*name) too often; write the values out instead'
      : error.message.split('\n')[0];
    return { ok: false, errors: [`${file}:2: front matter: ${problem}`] };
  }
  const errors: string[] = [];
  // reportInput: a field that is there but of the wrong kind is told apart from one that is missing.
  const result = FrontMatter.safeParse(data, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          errors.push(
            `${file}:${lineOf([...issue.path, key])}: ${[...issue.path, key].join('.')}: is not a known field`,
          );
        }
        continue;
      }
      const field = issue.path.length ? issue.path.map(String).join('.') : 'front matter';
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      errors.push(`${file}:${lineOf(issue.path)}: ${field}: ${missing ? 'is required' : issue.message}`);
    }
  }
  for (const line of rawHtmlLines(body)) {
    errors.push(`${file}:${bodyStartLine + line - 1}: body: raw HTML is not allowed; use Markdown instead`);
  }
  for (const line of h1Lines(body)) {
    errors.push(
      `${file}:${bodyStartLine + line - 1}: body: a "# " heading is not allowed; the title is the page's only top heading, so start at "## "`,
    );
  }
  if (!result.success || errors.length > 0) return { ok: false, errors };

  const matter = result.data;
  const slug = matter.slug ?? path.basename(file, path.extname(file));
  if (!matter.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    return {
      ok: false,
      errors: [
        `${file}:1: slug: the file name "${slug}" is not a usable slug; rename the file or add a slug field`,
      ],
    };
  }
  const attributes = Object.fromEntries(
    TREATMENT_ATTRIBUTES.filter((key) => matter[key] !== undefined).map((key) => [key, matter[key]!]),
  );
  return {
    ok: true,
    item: {
      slug,
      slugLine: matter.slug ? lineOf(['slug']) : 1,
      type: matter.type,
      title: matter.title,
      summary: matter.summary ?? null,
      tags: matter.tags,
      body,
      published: matter.published ?? null,
      updated: matter.updated ?? null,
      reviewed: matter.reviewed ?? null,
      reviewer: matter.reviewer ?? null,
      sources: matter.sources,
      attributes,
      redirectFrom: matter.redirect_from,
      sourceFile: file,
    },
  };
}
