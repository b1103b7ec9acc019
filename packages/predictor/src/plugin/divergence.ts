import type { EpochLogs } from '@penguin-nas/core';

/**
 * The divergence guard: a trial whose metric has been missing, NaN or infinite for the last `points` validation
 * points (a diverged loss, or a curve null from the start) can teach no rule anything, so it is stopped instead of
 * being trained to the target. Returns the reason, or undefined when the curve is fine.
 */
export function divergedReason(
  curve: readonly EpochLogs[],
  metric: string,
  points: number,
): string | undefined {
  if (curve.length < points) return undefined;
  const shown: string[] = [];
  for (let i = curve.length - 1; i >= curve.length - points; i--) {
    const value = curve[i]?.[metric];
    if (typeof value === 'number' && Number.isFinite(value)) return undefined;
    shown.unshift(value === undefined ? 'missing' : String(value));
  }
  const neverFinite = curve.every((entry) => {
    const value = entry?.[metric];
    return !(typeof value === 'number' && Number.isFinite(value));
  });
  const what = neverFinite ? 'has had no finite value' : 'diverged';
  return `divergence: ${metric} ${what}: its last ${points} values are [${shown.join(', ')}]; stopped instead of trained to the target`;
}
