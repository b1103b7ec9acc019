import { Peng4nnRule } from './peng4nn.js';
import {
  CONTINUE,
  calibratedNote,
  familiesOf,
  fmt,
  type RuleContext,
  type TerminationRule,
  type Verdict,
} from './types.js';

export interface ConfidentRuleOptions {
  /** Window length for stability (default 3). */
  readonly N?: number | undefined;
  /** Stability: every prediction in the window within `t` of their median, metric units (default 0.5). */
  readonly t?: number | undefined;
  /** Trust: the latest prediction's spread (ensemble or calibration residuals) at most this, metric units (default 1). */
  readonly maxSpread?: number | undefined;
  /** Points at the first fit, and so before any stop (default 3; the peng4nn window's `cMin`). */
  readonly fitFrom?: number | undefined;
  /** Plausible predictions in metric units, `min < p <= max` (default [0, 100]). */
  readonly range?: readonly [min: number, max: number] | undefined;
}

/**
 * Stops only when the prediction is both stable (the peng4nn window has converged) and trustworthy (its
 * uncertainty is small). A prediction without an uncertainty estimate is never trusted.
 */
export function confidentRule(options: ConfidentRuleOptions = {}): TerminationRule {
  const maxSpread = options.maxSpread ?? 1;
  if (!(maxSpread > 0) || !Number.isFinite(maxSpread)) {
    throw new RangeError(`rules.confident.maxSpread: expected a finite number > 0, got ${maxSpread}`);
  }
  const stability = new Peng4nnRule({
    N: options.N ?? 3,
    t: options.t ?? 0.5,
    cMin: options.fitFrom ?? 3,
    range: options.range ?? [0, 100],
    aCap: null,
    onFailedFit: 'reset',
    onOutOfRange: 'reset',
  });
  return {
    name: 'confident',
    fitFrom: stability.fitFrom,
    decide(context: RuleContext): Verdict {
      const stable = stability.decide(context);
      if (!stable.stop || stable.prediction === undefined) return CONTINUE;
      const last = context.steps[context.steps.length - 1];
      if (last?.value == null || last.spread === null || !(last.spread <= maxSpread)) return CONTINUE;
      const { values } = stability.window(context.steps, context.toMetric);
      const shown = values.map((v) => fmt(context.toMetric(v))).join(', ');
      return {
        stop: true,
        reason:
          `confident: last ${stability.N} predictions [${shown}] (${familiesOf(last)}${calibratedNote(last)}) ` +
          `within ${fmt(stability.t)} of their median and spread ${fmt(last.spread)} <= ${fmt(maxSpread)}; ` +
          `predicted ${fmt(context.toMetric(last.value))} at epoch ${fmt(context.target)}`,
        prediction: last.value,
      };
    },
  };
}
