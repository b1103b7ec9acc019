import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';

/** One problem found in a config, at a key path such as `budget.trials` or `objectives[0].direction`. */
export interface ConfigIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `budget.trials`, `objectives[0].name`, `plugins[2]["odd key"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** A short, readable description of a value found in a config. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length === 0
      ? 'an empty object'
      : `an object with ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''}`;
  }
  return typeof value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The object schemas a value at `path` may be checked against (unions give several). */
function objectSchemasAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return objectSchemasAt(def.innerType as AnySchema, path);
    case 'pipe':
      return [...objectSchemasAt(def.in as AnySchema, path), ...objectSchemasAt(def.out as AnySchema, path)];
    case 'union':
      return (def.options as AnySchema[]).flatMap((option) => objectSchemasAt(option, path));
    case 'array': {
      const [head, ...rest] = path;
      return typeof head === 'number' ? objectSchemasAt(def.element as AnySchema, rest) : [];
    }
    case 'object': {
      if (path.length === 0) return [schema];
      const [head, ...rest] = path;
      const child = (def.shape as Record<string, AnySchema>)[String(head)];
      return child ? objectSchemasAt(child, rest) : [];
    }
    default:
      return [];
  }
}

/** The keys a schema allows in the object at `path`. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const object of objectSchemasAt(schema, path)) {
    const shape = (object._zod.def as unknown as { shape: Record<string, unknown> }).shape;
    for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

function bound(issue: { minimum?: unknown; maximum?: unknown; inclusive?: boolean }, small: boolean): string {
  const limit = String(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `${op} ${limit}`;
}

function article(type: string): string {
  if (type === 'int') return 'an integer';
  if (type === 'undefined' || type === 'null') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Turns zod's issues into one readable line each: what was expected, what was found, and a "did you mean" for
 * unknown keys and values. `schema` is the schema the input was parsed with (to list the valid keys).
 */
export function explainIssues(issues: readonly Issue[], input: unknown, schema: AnySchema): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) out.push(...explainIssue(issue, input, schema, []));
  return out;
}

function explainIssue(
  issue: Issue,
  input: unknown,
  schema: AnySchema,
  prefix: readonly PropertyKey[],
): ConfigIssue[] {
  const path = [...prefix, ...issue.path];
  const found = valueAt(input, path);
  const one = (message: string): ConfigIssue[] => [{ path, message }];
  // A schema's own message (e.g. `expected an integer >= 2, got 1`) says it best; zod's defaults are rephrased.
  const custom = !/^(Invalid|Too (small|big)|Unrecognized key)/.test(issue.message);
  if (custom && issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_union') {
    return one(
      /\bgot\b/.test(issue.message) ? issue.message : `${issue.message}, got ${describeValue(found)}`,
    );
  }
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? one(`missing; expected ${article(issue.expected)}`)
        : one(`expected ${article(issue.expected)}, got ${describeValue(found)}`);
    case 'unrecognized_keys': {
      const valid = keysAt(schema, path);
      return issue.keys.map((key) => {
        const hint = didYouMean(key, valid);
        return {
          path: [...path, key],
          message: `unknown key${hint || (valid.length > 0 ? `; expected one of ${valid.join(', ')}` : '')}`,
        };
      });
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof found === 'string' ? didYouMean(found, issue.values.map(String)) : '';
      return one(
        `expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}, got ${describeValue(found)}${hint}`,
      );
    }
    case 'too_small':
      if (issue.origin === 'array')
        return one(`expected at least ${String(issue.minimum)} item(s), got ${describeValue(found)}`);
      if (issue.origin === 'string') return one(`expected a non-empty string, got ${describeValue(found)}`);
      return one(`expected a number ${bound(issue, true)}, got ${describeValue(found)}`);
    case 'too_big':
      if (issue.origin === 'array')
        return one(`expected at most ${String(issue.maximum)} item(s), got ${describeValue(found)}`);
      return one(`expected a number ${bound(issue, false)}, got ${describeValue(found)}`);
    case 'invalid_union': {
      // An object that failed only inside one branch (e.g. `{ name }` without a name) gets that branch's issues.
      if (found !== null && typeof found === 'object') {
        const nested = issue.errors.find(
          (branch) => branch.length > 0 && branch.every((i) => i.path.length > 0),
        );
        if (nested) return nested.flatMap((i) => explainIssue(i, input, schema, path));
      }
      return one(`${issue.message}, got ${describeValue(found)}`);
    }
    case 'not_multiple_of':
      return one(`expected a multiple of ${String(issue.divisor)}, got ${describeValue(found)}`);
    default:
      return one(found === undefined ? issue.message : `${issue.message}, got ${describeValue(found)}`);
  }
}
