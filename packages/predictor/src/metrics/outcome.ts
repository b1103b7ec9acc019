import type { Direction } from '@penguin-nas/core';

/**
 * What a predictor did with one recorded curve: the row of `--per-curve` output, from which every metric of
 * ALGORITHMS §4 can be recomputed. Field names are snake_case because they are the JSON-lines format.
 */
export interface CurveOutcome {
  readonly id: string;
  /** Epochs trained (replayed) before the trial stopped or completed: what it was charged. */
  readonly epochs_trained: number;
  /** Epochs the NAS would have trained it without early termination (the prediction target). */
  readonly full_epochs: number;
  /** Whether the predictor stopped it early with a converged prediction. */
  readonly converged: boolean;
  /** The fitness the searcher received: the prediction when converged, else the measured value. Null when not finite. */
  readonly reported: number | null;
  /** The recorded value at the target epoch (ground truth). Null when not finite (e.g. a diverged loss). */
  readonly true_final: number | null;
  /** Why the trial was stopped (the deciding rule's reason), when it was. */
  readonly reason?: string;
  /**
   * A probabilistic stop's chance (`TerminateDecision.chance`): the rule judged P(final reaches `stop_threshold`) =
   * `stop_probability`. Absent for trials not stopped that way.
   */
  readonly stop_probability?: number;
  /** The value, in the metric's units, the stop's probability was about. */
  readonly stop_threshold?: number;
}

/** One row of `--per-curve` output: an outcome and the configuration that produced it. */
export interface PerCurveRow extends CurveOutcome {
  readonly config: string;
}

export interface MetricsOptions {
  /** `maximize` for accuracies, `minimize` for losses. */
  readonly direction: Direction;
}

function describe(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

function isNullableNumber(value: unknown): value is number | null {
  return value === null || typeof value === 'number';
}

/**
 * Checks a list of outcomes before metrics are computed from it: an error names the entry and field,
 * what was expected and what was found.
 */
export function assertOutcomes(outcomes: readonly CurveOutcome[], where = 'outcomes'): void {
  if (!Array.isArray(outcomes)) throw new TypeError(`${where}: expected an array, got ${describe(outcomes)}`);
  const seen = new Set<string>();
  outcomes.forEach((o: CurveOutcome, i) => {
    const at = `${where}[${i}]`;
    if (typeof o !== 'object' || o === null)
      throw new TypeError(`${at}: expected an object, got ${describe(o)}`);
    if (typeof o.id !== 'string' || o.id === '')
      throw new TypeError(`${at}.id: expected a non-empty string, got ${describe(o.id)}`);
    if (seen.has(o.id)) throw new RangeError(`${at}.id: expected unique ids, got "${o.id}" twice`);
    seen.add(o.id);
    if (typeof o.full_epochs !== 'number' || !Number.isFinite(o.full_epochs) || o.full_epochs <= 0)
      throw new RangeError(
        `${at}.full_epochs: expected a positive finite number, got ${describe(o.full_epochs)}`,
      );
    if (typeof o.epochs_trained !== 'number' || !Number.isFinite(o.epochs_trained) || o.epochs_trained < 0)
      throw new RangeError(
        `${at}.epochs_trained: expected a finite number >= 0, got ${describe(o.epochs_trained)}`,
      );
    if (typeof o.converged !== 'boolean')
      throw new TypeError(`${at}.converged: expected a boolean, got ${describe(o.converged)}`);
    if (!isNullableNumber(o.reported))
      throw new TypeError(`${at}.reported: expected a number or null, got ${describe(o.reported)}`);
    if (!isNullableNumber(o.true_final))
      throw new TypeError(`${at}.true_final: expected a number or null, got ${describe(o.true_final)}`);
    if (o.stop_probability !== undefined || o.stop_threshold !== undefined) {
      const p = o.stop_probability;
      if (typeof p !== 'number' || !(p >= 0 && p <= 1))
        throw new RangeError(
          `${at}.stop_probability: expected a number in [0, 1] beside stop_threshold, got ${describe(p)}`,
        );
      const threshold = o.stop_threshold;
      if (typeof threshold !== 'number' || !Number.isFinite(threshold))
        throw new TypeError(
          `${at}.stop_threshold: expected a finite number beside stop_probability, got ${describe(threshold)}`,
        );
    }
  });
}

/** A finite number, or NaN for null, NaN and infinities. */
export function finiteOrNaN(value: number | null): number {
  return value !== null && Number.isFinite(value) ? value : Number.NaN;
}
