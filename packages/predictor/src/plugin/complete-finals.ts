import type { FinishedTrialInfo } from '../rules/types.js';

/** The span of a finished list scanned so far: the list only grows in place (a replaced trial makes a new list). */
interface Scanned {
  count: number;
  best: number;
  worst: number;
}
const scanned = new WeakMap<readonly FinishedTrialInfo[], Scanned>();

/**
 * The best and the worst final score of the finished trials trained to the target (higher is better), or
 * undefined before one has finished: the span a stop's reported value is judged against. Each list is scanned
 * once: a later call reads only the trials appended since (a replay of 15,625 curves asks at every stop).
 */
export function completeFinals(
  finished: readonly FinishedTrialInfo[],
): { readonly best: number; readonly worst: number } | undefined {
  let span = scanned.get(finished);
  if (span === undefined || span.count > finished.length) {
    span = { count: 0, best: Number.NEGATIVE_INFINITY, worst: Number.POSITIVE_INFINITY };
    scanned.set(finished, span);
  }
  for (; span.count < finished.length; span.count++) {
    const trial = finished[span.count] as FinishedTrialInfo;
    if (!trial.complete) continue;
    span.best = Math.max(span.best, trial.final);
    span.worst = Math.min(span.worst, trial.final);
  }
  return Number.isFinite(span.best) ? { best: span.best, worst: span.worst } : undefined;
}
