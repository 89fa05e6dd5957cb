import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { Checklist, Instrument } from './schema.js';

/**
 * Reads the definition files. The caller loads them once (at boot, or in a test) and passes the maps on;
 * nothing here caches, so every call reads the folder afresh.
 */

export const DEFINITIONS_DIRECTORY = fileURLToPath(new URL('./definitions/', import.meta.url));

/** A definition file that cannot be used. The message names the file and the path inside it. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
}

function formatPath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${formatPath(issue.path) || '(top level)'}: ${issue.message}`,
  );
  throw new DefinitionError(`${file} is not a valid definition:\n${lines.join('\n')}`);
}

/** Checks one instrument definition already read from JSON; `file` names it in any error. */
export function parseInstrument(json: unknown, file: string): Instrument {
  return parseWith(Instrument, json, file);
}

/** Checks one checklist definition already read from JSON; `file` names it in any error. */
export function parseChecklist(json: unknown, file: string): Checklist {
  return parseWith(Checklist, json, file);
}

interface RawDefinition {
  file: string;
  id: string;
  json: unknown;
  kind: unknown;
}

function readDefinitions(directory: string): RawDefinition[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(directory, name);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new DefinitionError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
      const kind = typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
      if (kind !== 'instrument' && kind !== 'checklist')
        throw new DefinitionError(
          `${file} is not a valid definition:\n  kind: must be "instrument" or "checklist"`,
        );
      return { file, id: name.slice(0, -'.json'.length), json, kind };
    });
}

function loadKind<T extends { id: string }>(
  directory: string,
  kind: 'instrument' | 'checklist',
  parse: (json: unknown, file: string) => T,
): ReadonlyMap<string, T> {
  const definitions = new Map<string, T>();
  for (const raw of readDefinitions(directory)) {
    if (raw.kind !== kind) continue;
    const definition = parse(raw.json, raw.file);
    if (definition.id !== raw.id)
      throw new DefinitionError(
        `${raw.file} is not a valid definition:\n  id: must be "${raw.id}", like its file name`,
      );
    definitions.set(definition.id, definition);
  }
  if (definitions.size === 0) throw new DefinitionError(`${directory} holds no ${kind} definitions`);
  return definitions;
}

/** Every instrument in `directory` (the shipped definitions by default), by id. Throws DefinitionError. */
export function loadInstruments(directory: string = DEFINITIONS_DIRECTORY): ReadonlyMap<string, Instrument> {
  return loadKind(directory, 'instrument', parseInstrument);
}

/** Every safety checklist in `directory` (the shipped definitions by default), by id. Throws DefinitionError. */
export function loadChecklists(directory: string = DEFINITIONS_DIRECTORY): ReadonlyMap<string, Checklist> {
  return loadKind(directory, 'checklist', parseChecklist);
}
