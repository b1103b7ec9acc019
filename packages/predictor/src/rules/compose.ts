import { CONTINUE, fmt, type RuleContext, type TerminationRule, type Verdict } from './types.js';

function minFitFrom(rules: readonly TerminationRule[]): number | undefined {
  const values = rules.map((r) => r.fitFrom).filter((v): v is number => v !== undefined);
  return values.length > 0 ? Math.min(...values) : undefined;
}

function withFitFrom(rule: Omit<TerminationRule, 'fitFrom'>, fitFrom: number | undefined): TerminationRule {
  return fitFrom === undefined ? rule : { ...rule, fitFrom };
}

/** Stops when any of the rules stops (the first one that does gives the reason). */
export function anyOf(rules: readonly TerminationRule[]): TerminationRule {
  if (rules.length === 0) throw new RangeError('rules.any: expected at least one rule, got none');
  return withFitFrom(
    {
      name: `any(${rules.map((r) => r.name).join(',')})`,
      decide(context: RuleContext): Verdict {
        for (const rule of rules) {
          const verdict = rule.decide(context);
          if (verdict.stop) return verdict;
        }
        return CONTINUE;
      },
    },
    minFitFrom(rules),
  );
}

/** A reason's closing note of the value its rule would report ("; reporting the last value"). */
const REPORTING_NOTE = /; reporting [^;]*$/;

/**
 * Stops only when every rule stops; the reasons are joined by AND, the first prediction is reported and the first
 * chance (a probabilistic rule's) is kept. Only the
 * reported rule's reason keeps its note of what it reports: a model-free rule joined after a calibrated one would
 * otherwise say "reporting the last value" beside the calibrated prediction that is in fact reported.
 */
export function allOf(rules: readonly TerminationRule[]): TerminationRule {
  if (rules.length === 0) throw new RangeError('rules.all: expected at least one rule, got none');
  return withFitFrom(
    {
      name: `all(${rules.map((r) => r.name).join(',')})`,
      decide(context: RuleContext): Verdict {
        const verdicts: Extract<Verdict, { stop: true }>[] = [];
        let reported: Extract<Verdict, { stop: true }> | undefined;
        for (const rule of rules) {
          const verdict = rule.decide(context);
          if (!verdict.stop) return CONTINUE;
          verdicts.push(verdict);
          if (reported === undefined && verdict.prediction !== undefined) reported = verdict;
        }
        const reason = verdicts
          .map((v) => (v === reported ? v.reason : v.reason.replace(REPORTING_NOTE, '')))
          .join(' AND ');
        // Every rule agreed; a probabilistic one among them says what chance the trial was given.
        const chance = verdicts.find((v) => v.chance !== undefined)?.chance;
        const judged = chance === undefined ? {} : { chance };
        if (reported?.prediction === undefined) return { stop: true, reason, ...judged };
        return reported.observed
          ? { stop: true, reason, prediction: reported.prediction, observed: true, ...judged }
          : { stop: true, reason, prediction: reported.prediction, ...judged };
      },
    },
    minFitFrom(rules),
  );
}

export interface MinEpochsOptions {
  /** No stop before this many epochs... */
  readonly epochs?: number | undefined;
  /** ...nor before this fraction of the target epochs. */
  readonly fraction?: number | undefined;
}

/** Never stops before a minimum number of epochs (absolute or as a fraction of the target). */
export function minEpochs(rule: TerminationRule, options: MinEpochsOptions): TerminationRule {
  const epochs = options.epochs ?? 0;
  const fraction = options.fraction ?? 0;
  if (!(epochs >= 0)) throw new RangeError(`rules.minEpochs.epochs: expected a number >= 0, got ${epochs}`);
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`rules.minEpochs.fraction: expected a number in [0, 1], got ${fraction}`);
  }
  return withFitFrom(
    {
      name: rule.name,
      decide(context: RuleContext): Verdict {
        const last = context.points[context.points.length - 1];
        const floor = Math.max(epochs, fraction * context.target);
        if (last === undefined || last.epoch < floor - 1e-9) return CONTINUE;
        return rule.decide(context);
      },
    },
    rule.fitFrom,
  );
}

export interface PatientOptions {
  /** Validation points without improvement of the best value before the wrapped rule may stop (>= 0). */
  readonly patience: number;
  readonly minDelta?: number | undefined;
}

/**
 * Optuna's PatientPruner: the wrapped rule may stop a trial only when the trial's best value has not
 * improved by more than `minDelta` for `patience` validation points.
 */
export function patient(rule: TerminationRule, options: PatientOptions): TerminationRule {
  const { patience } = options;
  const minDelta = options.minDelta ?? 0;
  if (!Number.isInteger(patience) || patience < 0) {
    throw new RangeError(`rules.patient.patience: expected an integer >= 0, got ${patience}`);
  }
  if (!(minDelta >= 0))
    throw new RangeError(`rules.patient.minDelta: expected a number >= 0, got ${minDelta}`);
  return withFitFrom(
    {
      name: rule.name,
      decide(context: RuleContext): Verdict {
        const { points } = context;
        if (points.length <= patience) return CONTINUE;
        const before = points.slice(0, points.length - patience);
        const recent = points.slice(points.length - patience);
        const bestBefore = Math.max(...before.map((p) => p.value));
        if (recent.some((p) => p.value > bestBefore + minDelta)) return CONTINUE;
        const verdict = rule.decide(context);
        if (!verdict.stop) return verdict;
        return {
          ...verdict,
          reason: `${verdict.reason} (no gain above ${fmt(minDelta)} in the last ${patience} points)`,
        };
      },
    },
    rule.fitFrom,
  );
}
