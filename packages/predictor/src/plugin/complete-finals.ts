import type { FinishedTrialInfo } from '../rules/types.js';

/**
 * The best and the worst final score of the finished trials trained to the target (higher is better), or
 * undefined before one has finished: the span a stop's reported value is judged against.
 */
export function completeFinals(
  finished: readonly FinishedTrialInfo[],
): { readonly best: number; readonly worst: number } | undefined {
  let best = Number.NEGATIVE_INFINITY;
  let worst = Number.POSITIVE_INFINITY;
  for (const trial of finished) {
    if (!trial.complete) continue;
    best = Math.max(best, trial.final);
    worst = Math.min(worst, trial.final);
  }
  return Number.isFinite(best) ? { best, worst } : undefined;
}
