import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Configuration files under `rules/` (questionnaires, recommendation rules, obligation templates):
 * read as JSON or YAML, checked against their JSON Schema, every fault named by file, JSON pointer
 * and message, so that a broken file stops start-up with a message an author can act on.
 */
export interface RulesProblem {
  file: string;
  /** JSON Pointer inside the file, `` for the whole file. */
  path: string;
  fault: string;
}

/** json-rules-engine condition trees, as written in rules files. */
export interface ConditionLeaf {
  fact: string;
  operator: string;
  value: unknown;
  params?: Record<string, unknown>;
}
export type ConditionNode =
  ConditionLeaf | { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode };

/** Visits every leaf of a condition tree with its JSON pointer. */
export function forEachLeaf(
  node: ConditionNode,
  path: string,
  visit: (leaf: ConditionLeaf, path: string) => void,
): void {
  if ('all' in node) node.all.forEach((child, i) => forEachLeaf(child, `${path}/all/${i}`, visit));
  else if ('any' in node)
    node.any.forEach((child, i) => forEachLeaf(child, `${path}/any/${i}`, visit));
  else if ('not' in node) forEachLeaf(node.not, `${path}/not`, visit);
  else visit(node, path);
}

export class RulesConfigError extends Error {
  constructor(readonly problems: RulesProblem[]) {
    const shown = problems.slice(0, 5).map(formatProblem).join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`Invalid rules configuration: ${shown}${more}`);
  }
}

export function formatProblem(problem: RulesProblem): string {
  return `${problem.file}: ${problem.path || '/'}: ${problem.fault}`;
}

export interface RulesFile {
  /** Path relative to the working directory, as messages show it. */
  file: string;
  data: unknown;
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** Compiles a JSON Schema file; a broken schema is itself a configuration fault. */
export function compileSchema(schemaFile: string): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = parseFile(schemaFile, readFileSync(schemaFile, 'utf8'));
  return ajv.compile(schema as object);
}

/** Every JSON or YAML file of `dir`, parsed and checked against `validate`. */
export function readRulesFiles(
  dir: string,
  validate: ValidateFunction,
  optional = false,
): RulesFile[] {
  if (!existsSync(dir)) {
    if (optional) return [];
    throw new RulesConfigError([{ file: display(dir), path: '', fault: 'directory not found' }]);
  }
  const problems: RulesProblem[] = [];
  const files: RulesFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const path = join(dir, name);
    const file = display(path);
    let data: unknown;
    try {
      data = parseFile(path, readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push({ file, path: '', fault: (error as Error).message });
      continue;
    }
    if (!validate(data)) {
      problems.push(...schemaProblems(file, validate.errors ?? []));
      continue;
    }
    files.push({ file, data });
  }
  if (problems.length > 0) throw new RulesConfigError(problems);
  return files;
}

function parseFile(path: string, text: string): unknown {
  if (extname(path).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new Error(`not valid JSON (${(error as Error).message})`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (error) {
    throw new Error(`not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
}

/** The most specific schema errors: `oneOf` branches that failed are noise once a leaf is named. */
function schemaProblems(file: string, errors: ErrorObject[]): RulesProblem[] {
  const leaves = errors.filter(
    (error) =>
      !['oneOf', 'anyOf', 'if'].includes(error.keyword) &&
      !errors.some(
        (other) => other !== error && other.instancePath.startsWith(`${error.instancePath}/`),
      ),
  );
  const chosen = leaves.length > 0 ? leaves : errors;
  const seen = new Set<string>();
  return chosen.flatMap((error) => {
    const fault = describe(error);
    const key = `${error.instancePath} ${fault}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ file, path: error.instancePath, fault }];
  });
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown property "${String(params.additionalProperty)}"`;
    case 'required':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? error.keyword;
  }
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** SHA-256 of the canonical JSON of `value` (keys sorted): the same content gives the same hash. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
