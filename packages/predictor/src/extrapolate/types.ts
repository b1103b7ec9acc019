import type { Direction } from '@penguin-nas/core';

/** One fitted curve family that contributed to a prediction. */
export interface FitMember {
  readonly model: string;
  /** Its weight in the ensemble (1 for a single model). */
  readonly weight: number;
  /** Fitted parameters by name. */
  readonly params: Readonly<Record<string, number>>;
}

/** A curve fit's extrapolation to the target, in the metric's own units. */
export type Extrapolation =
  | {
      readonly ok: true;
      readonly value: number;
      /** Spread of the ensemble members' predictions (weighted sd), null for a single model. */
      readonly spread: number | null;
      readonly members: readonly FitMember[];
    }
  | { readonly ok: false; readonly reason: string; readonly members: readonly FitMember[] };

/** Fits the configured curve model(s) to one partial curve and extrapolates to the target. */
export interface Extrapolator {
  /** Families it fits, e.g. `peng4nn` or `pow3+weibull+mmf`. */
  readonly label: string;
  extrapolate(
    xs: readonly number[],
    ys: readonly number[],
    targetX: number,
    direction: Direction,
    /** The same trial's previous fit, if any: a warm start for this one (left out: the full multi-start). */
    previous?: readonly FitMember[],
  ): Extrapolation;
}
