import { FinishedIndex } from '../rules/finished-index.js';
import type { FinishedTrialInfo } from '../rules/types.js';

/** Best and worst final of the completed trials, kept as the finished list grows (a replay asks at every stop). */
const spans = new FinishedIndex<{ best: number; worst: number }>(
  () => ({ best: Number.NEGATIVE_INFINITY, worst: Number.POSITIVE_INFINITY }),
  (span, trial) => {
    if (!trial.complete) return;
    span.best = Math.max(span.best, trial.final);
    span.worst = Math.min(span.worst, trial.final);
  },
);

/**
 * The best and the worst final score of the finished trials trained to the target (higher is better), or
 * undefined before one has finished: the span a stop's reported value is judged against.
 */
export function completeFinals(
  finished: readonly FinishedTrialInfo[],
): { readonly best: number; readonly worst: number } | undefined {
  const { best, worst } = spans.of(finished);
  return Number.isFinite(best) ? { best, worst } : undefined;
}
