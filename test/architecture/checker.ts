import path from 'node:path';
import ts from 'typescript';

/**
 * The layering and data-ownership rules of decision 022, checked over source text so a test can feed it
 * both the real tree and small bad examples:
 * - src/platform imports nothing outside src/platform;
 * - a feature (src/<name>/, other than platform, web and cli) imports another feature only through its
 *   index.ts, and never the composition root (src/*.ts);
 * - a feature's (and the platform's) SQL names only tables it owns: the keys of the `…Tables` interface in
 *   its tables.ts (the platform's in src/platform/database/schema.ts).
 * Test code (`*.test.ts[x]`, `test-*.ts`) may build the whole app and read any table, so it is left out.
 * Table names are found in Kysely calls whose first argument is a string; `sql` templates are not read.
 */

export interface SourceFile {
  /** Relative to the repository, with forward slashes: `src/intake/service.ts`. */
  path: string;
  text: string;
}

/** A historical exception: a migration already applied in real databases, which may not change. */
export interface AllowedTouch {
  file: string;
  table: string;
  why: string;
}

export interface Violation {
  file: string;
  message: string;
}

const NOT_FEATURES = new Set(['platform', 'web', 'cli']);
const TABLE_CALLS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'createTable',
  'alterTable',
  'dropTable',
]);

export function isTestCode(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || /(^|\/)test-[^/]*\.tsx?$/.test(file);
}

/** `platform`, a feature's folder name, `web`, `cli`, or `root` for src/*.ts; null outside src/. */
export function areaOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] !== 'src') return null;
  return parts.length === 2 ? 'root' : parts[1]!;
}

const isFeature = (area: string | null): area is string =>
  area !== null && area !== 'root' && !NOT_FEATURES.has(area);

function parse(file: SourceFile): ts.SourceFile {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
}

/** Relative module specifiers of every import and export-from, resolved to repository paths without extension. */
export function importsOf(file: SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return found
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) =>
      path.posix.join(path.posix.dirname(file.path), specifier).replace(/\.(js|jsx|ts|tsx|json)$/, ''),
    );
}

/** Table names a file's Kysely calls name, with `x as alias` reduced to `x`. */
export function tablesTouchedBy(file: SourceFile): string[] {
  const found: string[] = [];
  const nameOf = (node: ts.Expression): string[] => {
    if (ts.isStringLiteralLike(node)) return [node.text.split(/\s+as\s+/)[0]!.trim()];
    if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((element) => nameOf(element));
    return [];
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments[0]) {
      const method = node.expression.name.text;
      if (TABLE_CALLS.has(method)) found.push(...nameOf(node.arguments[0]));
      // createIndex('name').on('table'): the table is the argument of .on.
      if (
        method === 'on' &&
        ts.isCallExpression(node.expression.expression) &&
        ts.isPropertyAccessExpression(node.expression.expression.expression) &&
        node.expression.expression.expression.name.text === 'createIndex'
      ) {
        found.push(...nameOf(node.arguments[0]));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return found;
}

/** The keys of every interface named `…Tables` in a file: the tables its owner declares. */
export function tablesDeclaredIn(file: SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text.endsWith('Tables')) {
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && member.name && ts.isIdentifier(member.name)) {
          found.push(member.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return found;
}

/** Which area owns each table: `platform` or a feature's folder name. */
export function tableOwners(files: readonly SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of files) {
    const area = areaOf(file.path);
    const declares =
      file.path === 'src/platform/database/schema.ts' ||
      (isFeature(area) && file.path === `src/${area}/tables.ts`);
    if (!declares) continue;
    for (const table of tablesDeclaredIn(file)) owners.set(table, area!);
  }
  return owners;
}

export function checkArchitecture(
  files: readonly SourceFile[],
  allowed: readonly AllowedTouch[],
): Violation[] {
  const violations: Violation[] = [];
  const owners = tableOwners(files);
  for (const file of files) {
    if (isTestCode(file.path)) continue;
    const area = areaOf(file.path);
    if (area === null) continue;
    for (const target of importsOf(file)) {
      const targetArea = areaOf(`${target}.ts`);
      if (targetArea === null || targetArea === area) continue;
      if (area === 'platform') {
        violations.push({
          file: file.path,
          message: `the platform imports ${target} (outside src/platform)`,
        });
      } else if (isFeature(area) && targetArea === 'root') {
        violations.push({ file: file.path, message: `a feature imports the composition root (${target})` });
      } else if (isFeature(area) && isFeature(targetArea) && target !== `src/${targetArea}/index`) {
        violations.push({
          file: file.path,
          message: `${area} imports ${target}; another feature is reached only through src/${targetArea}/index.ts`,
        });
      }
    }
    if (area !== 'platform' && !isFeature(area)) continue;
    for (const table of tablesTouchedBy(file)) {
      const owner = owners.get(table);
      if (owner === area) continue;
      if (allowed.some((allow) => allow.file === file.path && allow.table === table)) continue;
      violations.push({
        file: file.path,
        message:
          owner === undefined
            ? `${table} is declared in no tables.ts (nor the platform's schema.ts)`
            : `${area} touches ${table}, which ${owner} owns; go through a port ${owner} exports`,
      });
    }
  }
  return violations;
}
