import type { ConfigIssue } from './issues.js';

/**
 * The first key of `value` (plain objects and arrays, `depth` levels down) whose getter throws, as a config issue:
 * a config module may define getters, and one that throws must be named, not shown as a stack trace.
 */
export function throwingKey(
  value: unknown,
  depth = 6,
  path: readonly PropertyKey[] = [],
): ConfigIssue | undefined {
  if (depth === 0 || typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    let child: unknown;
    try {
      child = (value as Record<string, unknown>)[key];
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { path: [...path, key], message: `reading this key threw ${why}` };
    }
    const found = throwingKey(child, depth - 1, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
