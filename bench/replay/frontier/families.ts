import type { ReplayConfig } from '../../../packages/predictor/src/replay/index.js';
import { defaultVariant } from './candidates.js';

/** A rule family and its one knob: each value is one configuration, one point of the family's frontier. */
export interface RuleFamily {
  readonly name: string;
  /** The knob swept, as the tables name it. */
  readonly knob: string;
  readonly values: readonly number[];
  /** Predictor options for one knob value. */
  options(value: number): Readonly<Record<string, unknown>>;
}

/**
 * The families swept. The default is swept along its δ (the other constants as shipped); the baselines along
 * the knob a user of them would turn (ASHA along η with Optuna's automatic minimum resource, and along the
 * minimum resource at Optuna's η = 4).
 */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  {
    name: 'default',
    knob: 'δ',
    values: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35],
    options: (delta) => ({ rule: defaultVariant({ topFraction: { delta } }) }),
  },
  {
    name: 'truncation',
    knob: 'fraction',
    values: [0.05, 0.1, 0.2, 0.3, 0.5],
    options: (fraction) => ({ rule: { kind: 'truncation', fraction } }),
  },
  {
    name: 'median',
    knob: 'minFraction',
    values: [0.05, 0.1, 0.2, 0.4],
    options: (minFraction) => ({ rule: { kind: 'median', minTrials: 3, minFraction } }),
  },
  {
    name: 'percentile',
    knob: 'percentile',
    values: [10, 25, 50, 75, 90],
    options: (percentile) => ({ rule: { kind: 'percentile', percentile } }),
  },
  {
    name: 'asha',
    knob: 'η',
    values: [2, 3, 4, 6],
    options: (reductionFactor) => ({ rule: { kind: 'asha', reductionFactor } }),
  },
  {
    name: 'asha η=4',
    knob: 'min epochs',
    values: [1, 2, 5, 10],
    options: (minResource) => ({ rule: { kind: 'asha', reductionFactor: 4, minResource } }),
  },
  {
    name: 'keep',
    knob: 'keep',
    values: [0.5, 0.7, 0.8, 0.9, 0.95],
    options: (keep) => ({ rule: { kind: 'keep', keep } }),
  },
  {
    name: 'keep from epoch 1',
    knob: 'keep',
    values: [0.5, 0.7, 0.8, 0.9, 0.95],
    options: (keep) => ({ rule: { kind: 'keep', keep, minFraction: 0 } }),
  },
  {
    name: 'patience',
    knob: 'points',
    values: [3, 5, 10, 20],
    options: (patience) => ({ rule: { kind: 'patience', patience } }),
  },
];

/** The configuration name of one family point: `truncation fraction=0.3`. */
export function pointName(family: RuleFamily, value: number): string {
  return `${family.name} ${family.knob}=${value}`;
}

/** Every configuration of the named families (all when `names` is undefined). */
export function familyConfigs(families: readonly RuleFamily[]): ReplayConfig[] {
  return families.flatMap((f) => f.values.map((v) => ({ name: pointName(f, v), options: f.options(v) })));
}

/** The named families, checked. */
export function pickFamilies(names: string | undefined): RuleFamily[] {
  if (names === undefined || names === 'all') return [...RULE_FAMILIES];
  const picked = names.split(',').map((s) => s.trim());
  return picked.map((name) => {
    const family = RULE_FAMILIES.find((f) => f.name === name);
    if (!family)
      throw new Error(
        `--family: expected one of ${RULE_FAMILIES.map((f) => f.name).join(', ')}, got ${name}`,
      );
    return family;
  });
}
