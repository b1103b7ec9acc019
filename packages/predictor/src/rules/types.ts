import type { StopChance } from '@penguin-nas/core';
import type { CurvePoint } from '../curve/points.js';
import type { FitMember } from '../extrapolate/types.js';

/**
 * The predictor's output at one validation point of one trial. All values are **scores**: the metric
 * multiplied by +1 when maximised and -1 when minimised, so "higher is better" everywhere in the rules.
 */
export interface PredictionStep {
  /** Epoch of the last point used. */
  readonly epoch: number;
  /** Number of points used. */
  readonly points: number;
  /** The curve fit's extrapolation to the target, before calibration; null when there is no fit. */
  readonly raw: number | null;
  /** The prediction the rules use (calibrated when a calibration is active); null = no prediction. */
  readonly value: number | null;
  /** Standard-deviation-like uncertainty of `value` (ensemble spread or calibration residuals), when known. */
  readonly spread: number | null;
  /** Families that contributed. */
  readonly members: readonly FitMember[];
  /** Whether a calibration learned from finished trials changed `raw` into `value`. */
  readonly calibrated: boolean;
  /** The training metric the calibration used as a feature, when it used one (`calibration.trainingMetric`). */
  readonly trainingMetric?: string;
  /** Why there is no prediction (or what was odd about it). */
  readonly reason?: string;
}

/** A finished trial as rules see it: its reported final value and the part of its curve that was trained. */
export interface FinishedTrialInfo {
  readonly id: string;
  /** The score reported to the searcher (measured, or predicted when it was stopped early). */
  readonly final: number;
  /** True when it was trained to the target, so `final` was measured. */
  readonly complete: boolean;
  /** Observed points (scores), sorted by epoch. */
  readonly points: readonly CurvePoint[];
  /** True when it was trained to the target on purpose (`fullTraining`), whatever the rule said: an unbiased sample. */
  readonly protected?: boolean;
}

/** Everything a rule may look at: the trial's own past, and other trials that have finished. Never the future. */
export interface RuleContext {
  readonly trialId: string;
  /** The epoch the prediction is for (the epochs the NAS would train). */
  readonly target: number;
  /** The trial's clean curve so far (scores). */
  readonly points: readonly CurvePoint[];
  /** One step per validation point at which the predictor ran, oldest first. */
  readonly steps: readonly PredictionStep[];
  readonly finished: readonly FinishedTrialInfo[];
  /** Turns a score back into the metric's own units (for plausible ranges and messages). */
  toMetric(score: number): number;
}

export type Verdict =
  | { readonly stop: false }
  | {
      readonly stop: true;
      readonly reason: string;
      /** The predicted final score that justifies the stop (reported to the searcher). */
      readonly prediction?: number;
      /**
       * The prediction is a value the curve already reached (a model-free rule's best or last value), not an
       * extrapolation: a floor that a calibrated prediction may raise (see `Predictor.decide`).
       */
      readonly observed?: boolean;
      /** A probabilistic rule's numbers: P(final ≥ `threshold`) = `probability`, the threshold a score as all values here. */
      readonly chance?: StopChance;
    };

/**
 * A termination rule: one method, like Optuna's pruners. Rules are pure functions of their context, so
 * their only state is the trial's recorded steps (which the plugin keeps and restores on resume).
 */
export interface TerminationRule {
  /** Short name used in reasons, e.g. `peng4nn`, `top-fraction`. */
  readonly name: string;
  /** The number of points from which the predictor should fit for this rule (absent: it needs no fits). */
  readonly fitFrom?: number;
  decide(context: RuleContext): Verdict;
}

export const CONTINUE: Verdict = Object.freeze({ stop: false });

/** Numbers in reasons: 4 significant decimals at most, no trailing noise. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

/** `, calibrated` or `, calibrated with train_acc` for a reason's parenthesis; empty for an uncalibrated step. */
export function calibratedNote(step: PredictionStep): string {
  if (!step.calibrated) return '';
  return step.trainingMetric === undefined ? ', calibrated' : `, calibrated with ${step.trainingMetric}`;
}

/** `pow3+weibull` from a step's members, or `no fit`. */
export function familiesOf(step: PredictionStep): string {
  return step.members.length > 0 ? step.members.map((m) => m.model).join('+') : 'no fit';
}
