import type {
  FinishedTrial,
  Fitness,
  PluginHost,
  PluginObject,
  StopChance,
  TerminateDecision,
} from '@penguin-nas/core';
import type { Extrapolator } from '../extrapolate/types.js';
import type { ResolvedFit } from '../options/defaults.js';
import { type ResolvedPredictorOptions, resolvePredictorOptions } from '../options/resolve-options.js';
import type { ModelSpec, PredictorOptionsInput } from '../options/schema.js';
import { buildRule } from '../rules/from-spec.js';
import { fmt, type TerminationRule, type Verdict } from '../rules/types.js';
import { type AuditRecord, auditLines } from './audit.js';
import { PredictorKnowledge } from './knowledge.js';
import { Predictor } from './predictor.js';
import { resolveMetric } from './resolve.js';

/** The name used for every tap, in decisions (`by`) and in the journal. */
export const PREDICTOR_PLUGIN = 'predictor';

export interface PredictorPlugin extends PluginObject {
  /** The options, validated and complete (`resolvePredictorOptions`). */
  readonly options: ResolvedPredictorOptions;
  /** The predictor behind the hooks (available after `apply`). */
  readonly predictor: Predictor | undefined;
  state(): unknown;
  restore(state: unknown): void;
  recall(trial: FinishedTrial): void;
}

/**
 * Makes the extrapolator for the `model` and `fit` options and the plausible range (metric units, members of an
 * ensemble predicting outside it are left out) — the curve-model layer, or a test double.
 */
export type ExtrapolatorFactory = (
  model: ModelSpec,
  fit: ResolvedFit,
  range: readonly [number, number],
) => Extrapolator;

/** The parts of a predictor that depend on the plausible range: the rule and the extrapolator. */
interface RangedParts {
  readonly range: readonly [number, number];
  readonly rule: TerminationRule;
  readonly extrapolator: Extrapolator;
}

function buildParts(
  options: ResolvedPredictorOptions,
  range: readonly [number, number],
  makeExtrapolator: ExtrapolatorFactory,
): RangedParts {
  const rule = buildRule(options.rule, { range });
  return { range, rule, extrapolator: makeExtrapolator(options.model, options.fit, range) };
}

function sameRange(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A stop's chance in metric units, for the decision (absent unless a probabilistic rule gave a finite one). */
function chanceOf(
  verdict: Extract<Verdict, { stop: true }>,
  predictor: Predictor,
): { chance: StopChance } | Record<string, never> {
  const chance = verdict.chance;
  if (chance === undefined) return {};
  const threshold = predictor.toMetric(chance.threshold);
  const { probability } = chance;
  if (!Number.isFinite(threshold) || !(probability >= 0 && probability <= 1)) return {};
  return { chance: { probability, threshold } };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Early termination through learning-curve prediction. Taps `onEpochEnd` (fit and record the prediction),
 * `shouldTerminate` (the rule's decision), `onFitness` (an early-stopped trial reports its prediction,
 * marked `predicted`), `onTrialStart`/`onTrialEnd` (per-trial memory, calibration). Options are resolved here,
 * once, eagerly (resolved options are used as they are); `apply` builds the one Predictor. A curve the predictor
 * cannot use gives "no prediction", never a throw out of a hook.
 */
export function buildPredictorPlugin(
  input: PredictorOptionsInput | Record<string, unknown> | ResolvedPredictorOptions,
  makeExtrapolator: ExtrapolatorFactory,
): PredictorPlugin {
  const options = resolvePredictorOptions(input);
  // Built now so that a bad model or rule fails at configuration time. The first apply() uses them when the run's
  // objectives leave the plausible range as the options alone give it (they decide it only when the options do
  // not); rules keep per-run state, so another apply() builds its own.
  let eager: RangedParts | undefined = buildParts(options, resolveMetric(options).range, makeExtrapolator);
  // What was learned (a restored state lands here before apply), shared with the predictor apply() builds.
  const knowledge = new PredictorKnowledge(options.calibration);
  let applied: Predictor | undefined;
  // Trials recalled before apply() (there is no predictor to learn them yet): learned when it is built.
  const pendingRecalls: FinishedTrial[] = [];

  return {
    name: PREDICTOR_PLUGIN,
    options,
    get predictor() {
      return applied;
    },
    apply(host: PluginHost) {
      const metric = resolveMetric(options, host.objectives);
      const parts =
        eager !== undefined && sameRange(eager.range, metric.range)
          ? eager
          : buildParts(options, metric.range, makeExtrapolator);
      eager = undefined;
      const predictor = new Predictor(options, metric, parts.rule, parts.extrapolator, knowledge);
      applied = predictor;
      for (const trial of pendingRecalls.splice(0)) predictor.recall(trial);
      const log = (event: Record<string, unknown>) => {
        try {
          host.log({ type: 'predictor', ...event });
        } catch {
          // The journal is best effort for a plugin; a failed write must not fail the trial.
        }
      };

      host.hooks.onTrialStart.tapPromise(PREDICTOR_PLUGIN, async (trial) => {
        predictor.reset(trial.id);
      });

      host.hooks.onEpochEnd.tapPromise(PREDICTOR_PLUGIN, async (trial) => {
        let prediction: ReturnType<Predictor['observe']>;
        try {
          prediction = predictor.observe(trial);
        } catch (error) {
          log({ trialId: trial.id, event: 'no prediction', reason: describeError(error) });
          return;
        }
        try {
          prediction = predictor.audit(trial, prediction);
        } catch (error) {
          log({ trialId: trial.id, event: 'no audit', reason: describeError(error) });
        }
        if (prediction !== undefined) trial.recordPrediction(prediction);
      });

      host.hooks.shouldTerminate.tapPromise(
        PREDICTOR_PLUGIN,
        async (trial): Promise<TerminateDecision | undefined> => {
          let verdict: ReturnType<Predictor['decide']>;
          try {
            verdict = predictor.decide(trial);
          } catch (error) {
            log({ trialId: trial.id, event: 'no decision', reason: describeError(error) });
            return undefined;
          }
          if (!verdict.stop) return undefined;
          const prediction =
            verdict.prediction === undefined ? undefined : predictor.toMetric(verdict.prediction);
          return {
            reason: verdict.reason,
            by: PREDICTOR_PLUGIN,
            ...(prediction === undefined || !Number.isFinite(prediction) ? {} : { prediction }),
            ...chanceOf(verdict, predictor),
          };
        },
      );

      host.hooks.onFitness.tapPromise(PREDICTOR_PLUGIN, async (fitness: Fitness, trial): Promise<Fitness> => {
        const objective = predictor.metric.objective;
        if (
          trial.status !== 'stopped' ||
          trial.decision?.by !== PREDICTOR_PLUGIN ||
          objective === undefined
        ) {
          return fitness;
        }
        const value = predictor.stoppedPrediction(trial.id) ?? trial.decision.prediction;
        const current = fitness[objective];
        if (value === undefined || !Number.isFinite(value) || current === undefined) return fitness;
        log({
          trialId: trial.id,
          event: 'fitness replaced',
          objective,
          measured: current.value,
          predicted: value,
          note: `${objective}: measured ${fmt(current.value)} at epoch ${fmt(trial.cost.epochs)} replaced by predicted ${fmt(value)}`,
        });
        return { ...fitness, [objective]: { value, direction: current.direction, source: 'predicted' } };
      });

      host.hooks.onTrialEnd.tapPromise(PREDICTOR_PLUGIN, async (trial) => {
        let audit: AuditRecord | undefined;
        try {
          audit = predictor.finish(trial);
        } catch (error) {
          log({ trialId: trial.id, event: 'not learned', reason: describeError(error) });
        }
        if (audit === undefined) return;
        log({ trialId: trial.id, event: 'audit', ...audit });
        // The audit's estimate so far (audit.ts), for `penguin report`: journalled after every audited trial, not
        // at the run's end, so a run killed before its end still has the estimate of the trials it finished.
        const summary = predictor.auditSummary();
        if (summary !== undefined) log({ event: 'audit summary', ...summary, lines: auditLines(summary) });
      });
    },
    state() {
      return knowledge.state();
    },
    restore(state: unknown) {
      if (applied === undefined) knowledge.restore(state);
      else applied.restore(state); // also forgets the running trials' memory
    },
    // On resume the engine hands back every told trial from the journal, so the finished trials and the
    // calibration's samples need no checkpoint (it stays small however long the run; #13.15).
    recall(trial: FinishedTrial) {
      if (applied === undefined) pendingRecalls.push(trial);
      else applied.recall(trial);
    },
  };
}
