import { formatPath } from './issues.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Key paths (`maxEpochs`, `budget.trials`, `searcher`) where two plain-JSON configs differ, in order. */
export function changedKeys(before: unknown, after: unknown, path: readonly PropertyKey[] = []): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedKeys(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => changedKeys(item, after[i], [...path, i]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [formatPath(path) || '(the whole config)'];
}
