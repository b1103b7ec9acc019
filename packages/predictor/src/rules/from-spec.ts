import type { RuleSpec } from '../options/rule-schema.js';
import { ashaRule, hyperbandRule } from './asha.js';
import { medianStopping, metricPatience, neverStop, truncation } from './baselines.js';
import { allOf, anyOf, minEpochs, patient } from './compose.js';
import { confidentRule } from './confident.js';
import { withCurrentNames } from './deprecated-names.js';
import { keepRule } from './keep.js';
import { peng4nnRule } from './peng4nn.js';
import { percentileRule, thresholdRule } from './percentile.js';
import { topFractionRule } from './top-fraction.js';
import type { TerminationRule } from './types.js';

export { warnDeprecated, withCurrentNames } from './deprecated-names.js';

/** Settings a rule inherits from the predictor when its spec leaves them out. */
export interface RuleDefaults {
  /** Plausible predictions in metric units. */
  readonly range: readonly [number, number];
}

function bareRule(spec: RuleSpec, defaults: RuleDefaults): TerminationRule {
  switch (spec.kind) {
    case 'peng4nn':
      return peng4nnRule({
        N: spec.N,
        t: spec.t,
        cMin: spec.cMin,
        firstFitPoints: spec.minPoints,
        range: spec.range ?? defaults.range,
        aCap: spec.aCap,
        onFailedFit: spec.onFailedFit,
        onOutOfRange: spec.onOutOfRange,
      });
    case 'confident':
      return confidentRule({
        N: spec.N,
        t: spec.t,
        fitFrom: spec.minPoints,
        maxSpread: spec.maxSpread,
        range: spec.range ?? defaults.range,
      });
    case 'top-fraction':
      return topFractionRule({
        fraction: spec.fraction,
        delta: spec.delta,
        minTrials: spec.minTrials,
        minSpread: spec.minSpread,
        fitFrom: spec.minPoints,
      });
    case 'never':
      return neverStop();
    case 'truncation':
      return truncation({ fraction: spec.fraction });
    case 'patience':
      return metricPatience({ patience: spec.patience, minDelta: spec.minDelta });
    case 'median':
      return medianStopping({ minTrials: spec.minTrials, margin: spec.margin });
    case 'asha':
      return ashaRule({
        minResource: spec.minResource,
        reductionFactor: spec.reductionFactor,
        minEarlyStoppingRate: spec.minEarlyStoppingRate,
        bootstrapCount: spec.bootstrapCount,
        style: spec.style,
      });
    case 'hyperband':
      return hyperbandRule({
        minResource: spec.minResource,
        reductionFactor: spec.reductionFactor,
        bootstrapCount: spec.bootstrapCount,
        style: spec.style,
        brackets: spec.brackets,
      });
    case 'percentile':
      return percentileRule({
        percentile: spec.percentile,
        minTrials: spec.minTrials,
        minTrialsAtEpoch: spec.minTrialsAtEpoch,
        recent: spec.recent,
        minEpochs: spec.minEpochs,
        interval: spec.interval,
      });
    case 'threshold':
      return thresholdRule({
        lower: spec.lower,
        upper: spec.upper,
        minEpochs: spec.minEpochs,
        interval: spec.interval,
      });
    case 'keep':
      return keepRule({
        keep: spec.keep,
        top: spec.top,
        minTrials: spec.minTrials,
        minTop: spec.minTop,
        smoothing: spec.smoothing,
        from: { epochs: spec.minEpochs, fraction: spec.minFraction },
      });
    case 'any':
      return anyOf(spec.rules.map((r) => buildRule(r, defaults)));
    case 'all':
      return allOf(spec.rules.map((r) => buildRule(r, defaults)));
  }
}

/** Builds the rule a (validated) spec describes, wrappers included. */
export function buildRule(given: RuleSpec, defaults: RuleDefaults): TerminationRule {
  const spec = withCurrentNames(given);
  let rule = bareRule(spec, defaults);
  if (spec.patient !== undefined) rule = patient(rule, spec.patient);
  if (spec.minEpochs !== undefined || spec.minFraction !== undefined) {
    rule = minEpochs(rule, { epochs: spec.minEpochs, fraction: spec.minFraction });
  }
  return rule;
}
