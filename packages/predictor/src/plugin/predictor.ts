import type { EpochLogs, Prediction, TrialSnapshot } from '@penguin-nas/core';
import type { ExtrapolationCalibration } from '../calibration/calibration.js';
import { CALIBRATION_DEFAULTS, type CalibrationSample } from '../calibration/types.js';
import { GrowingCurve } from '../curve/growing-curve.js';
import { type CurvePoint, cleanCurve, directionSign, pointsAsScores, smoothedLast } from '../curve/points.js';
import { fitsAnew } from '../extrapolate/fit-schedule.js';
import type { Extrapolator } from '../extrapolate/types.js';
import type { ResolvedPredictorOptions } from '../options/resolve-options.js';
import type {
  FinishedTrialInfo,
  PredictionStep,
  RuleContext,
  TerminationRule,
  Verdict,
} from '../rules/types.js';
import {
  AUDIT_PREDICTION_BY,
  type AuditRecord,
  type AuditStop,
  type AuditSummary,
  auditSummary,
  recalledAudit,
} from './audit.js';
import { calibratedFloor } from './calibrated-floor.js';
import { divergedReason } from './divergence.js';
import { fitCurve, type LastFit } from './fit-curve.js';
import { PredictorKnowledge } from './knowledge.js';
import { plausibleReport } from './plausible-report.js';
import type { ResolvedMetric } from './resolve.js';
import type { PredictorState } from './state.js';
import { latestTrainingFeature, resolveTrainingMetric, trainingFeatures } from './training-feature.js';

/** The part of a trial the predictor reads. */
export type TrialInput = Pick<TrialSnapshot, 'id' | 'index' | 'curve' | 'maxEpochs'>;

interface TrialMemory {
  steps: PredictionStep[];
  verdict?: Extract<Verdict, { stop: true }>;
  /** The latest curve fit (a curve is not fitted at every point: see fit-schedule.ts). */
  fit?: LastFit;
  /** Fits of this trial so far: every `fit.refitEvery`-th is a full multi-start instead of a warm start. */
  fits?: number;
  /** The clean curve, grown point by point. */
  curve?: GrowingCurve;
  /** Whether the trial has logged the training metric, and how many of its logs were searched until then. */
  training?: { found: boolean; searched: number };
  /** For a trial trained fully on purpose: the rule's first stop, which it did not make (see audit.ts). */
  audit?: AuditStop;
}

/**
 * The predictor without the hooks: per-trial steps, the rule, the calibration and the finished trials.
 * `predictorPlugin` wires it to the engine; replay tools and tests may drive it directly.
 */
export class Predictor {
  private readonly trials = new Map<string, TrialMemory>();
  /** The training metric `calibration.trainingMetric: 'auto'` found in the logs, once found. */
  private autoTraining: string | undefined;
  readonly calibration: ExtrapolationCalibration | undefined;
  private readonly sign: 1 | -1;

  constructor(
    readonly options: ResolvedPredictorOptions,
    readonly metric: ResolvedMetric,
    readonly rule: TerminationRule,
    readonly extrapolator: Extrapolator,
    /** What was learned before (a restored state); new, empty knowledge when left out. */
    private readonly knowledge = new PredictorKnowledge(options.calibration),
  ) {
    this.calibration = knowledge.calibration;
    this.sign = directionSign(metric.direction);
  }

  /** Score (higher is better) to metric units, and back. */
  toMetric = (score: number): number => this.sign * score + 0;

  target(trial: TrialInput): number {
    return this.options.target ?? trial.maxEpochs;
  }

  private memory(id: string): TrialMemory {
    let memory = this.trials.get(id);
    if (memory === undefined) {
      memory = { steps: [] };
      this.trials.set(id, memory);
    }
    return memory;
  }

  /** Forgets what was recorded for a trial (at its start, or when it is retrained after a resume). */
  reset(id: string): void {
    this.trials.delete(id);
  }

  /** The clean curve of the trial in metric units (a copy: the predictor's own grows with the trial). */
  points(trial: TrialInput): readonly CurvePoint[] {
    return this.curve(trial).points.slice();
  }

  /** The clean curve in metric units and as scores; a running trial's grows with its logs instead of anew. */
  private curve(trial: TrialInput): { points: readonly CurvePoint[]; scores: readonly CurvePoint[] } {
    const logs = trial.curve as readonly EpochLogs[];
    const memory = this.trials.get(trial.id);
    if (memory === undefined) {
      const points = cleanCurve(logs, this.metric.metric).points;
      return { points, scores: pointsAsScores(points, this.metric.direction) };
    }
    memory.curve ??= new GrowingCurve(this.metric.metric, this.metric.direction);
    return memory.curve.update(logs);
  }

  /**
   * The training metric the calibration uses as a feature, if one is configured (and, for `auto`, found: once found
   * it holds for the run; until then each observation looks at its newest log only, a finished trial at all of them).
   */
  private trainingMetric(logs: readonly EpochLogs[], newestOnly = false): string | undefined {
    const calibration = this.options.calibration;
    if (calibration !== false && calibration.trainingMetric === 'auto')
      this.autoTraining ??= resolveTrainingMetric(
        'auto',
        this.metric.metric,
        newestOnly ? logs.slice(-1) : logs,
      );
    return this.trainingMetricName();
  }

  /** The training metric's name, once known (configured, or found by `auto`), without looking at any logs. */
  private trainingMetricName(): string | undefined {
    const calibration = this.options.calibration;
    if (calibration === false || calibration.trainingMetric === false) return undefined;
    return calibration.trainingMetric === 'auto' ? this.autoTraining : calibration.trainingMetric;
  }

  /** The trial's training-metric feature at its latest point (null without one configured or logged). */
  private latestTraining(trial: TrialInput, epoch: number): number | null {
    const logs = trial.curve as readonly EpochLogs[];
    const metric = this.trainingMetric(logs, true);
    if (metric === undefined || this.calibration === undefined) return null;
    // Until the trial has logged the metric, only its new logs are searched (a trial that never logs it would
    // otherwise have all its logs scanned at every point).
    // (A trial the predictor keeps no memory of is searched whole.)
    const memory = this.trials.get(trial.id);
    if (memory?.training?.found !== true) {
      const searched = memory?.training?.searched ?? 0;
      const found = logs
        .slice(searched <= logs.length ? searched : 0)
        .some((entry) => Number.isFinite(entry[metric]));
      if (memory !== undefined) memory.training = { found, searched: logs.length };
      if (!found) return null;
    }
    return latestTrainingFeature(logs, metric, epoch, this.calibration.smoothing);
  }

  /** Whether this trial is trained to the target whatever the rule says (to feed the calibration). */
  protectedTrial(trial: TrialInput): boolean {
    const { first, every } = this.options.fullTraining;
    return trial.index < first || (every > 0 && trial.index % every === 0);
  }

  /**
   * Whether the audit judges this trial: one of the every-n-th trials trained fully, after the first `first` (and
   * after trial 0), which the rule cannot judge yet: counting them would count trials no rule could have stopped.
   */
  auditedTrial(trial: TrialInput): boolean {
    const { first, every } = this.options.fullTraining;
    return every > 0 && trial.index % every === 0 && trial.index >= Math.max(first, 1);
  }

  /**
   * Runs the predictor at the trial's latest validation point: fits, calibrates, stores the step and returns
   * the prediction to record (undefined when there is nothing to predict yet).
   */
  observe(trial: TrialInput): Prediction | undefined {
    const memory = this.memory(trial.id);
    const { points, scores } = this.curve(trial);
    const last = points[points.length - 1];
    if (last === undefined) return undefined;
    const previous = memory.steps[memory.steps.length - 1];
    if (previous !== undefined && previous.epoch >= last.epoch) {
      if (previous.epoch === last.epoch && previous.points === points.length) return undefined;
      memory.steps = memory.steps.filter((s) => s.epoch < last.epoch);
    }
    const fitFrom = this.rule.fitFrom;
    const calibrationReady =
      this.calibration !== undefined && this.calibration.size >= this.calibration.minSamples;
    if ((fitFrom === undefined || points.length < fitFrom) && !calibrationReady) return undefined;
    const target = this.target(trial);
    const fit = fitFrom !== undefined && points.length >= fitFrom;
    const step = this.step(points, scores, target, fit, memory, this.latestTraining(trial, last.epoch));
    memory.steps.push(step);
    const prediction: Prediction = {
      metric: this.metric.metric,
      epoch: last.epoch,
      target,
      value: step.value === null ? null : this.toMetric(step.value),
      by: `predictor:${step.members.length > 0 ? step.members.map((m) => m.model).join('+') : this.extrapolator.label}`,
      ...(step.reason !== undefined ? { reason: step.reason } : {}),
      detail: {
        raw: step.raw === null ? null : this.toMetric(step.raw),
        spread: step.spread,
        calibrated: step.calibrated,
        ...(step.trainingMetric === undefined ? {} : { trainingMetric: step.trainingMetric }),
        points: step.points,
        members: step.members.map((m) => ({ model: m.model, weight: m.weight, params: m.params })),
      },
    };
    return prediction;
  }

  private step(
    points: readonly CurvePoint[],
    scores: readonly CurvePoint[],
    target: number,
    fit: boolean,
    memory: TrialMemory,
    train: number | null,
  ): PredictionStep {
    const last = points[points.length - 1] as CurvePoint;
    let raw: number | null = null;
    let spread: number | null = null;
    let members: PredictionStep['members'] = [];
    let reason: string | undefined = fit
      ? undefined
      : `fewer than ${this.rule.fitFrom} points: calibration only`;
    if (fit) {
      const extrapolated = fitsAnew(points.length, memory.fit?.points, this.options.fit.refitGrowth)
        ? this.fit(points, target, memory)
        : (memory.fit as LastFit);
      ({ raw, spread, members, reason } = extrapolated);
    }
    const calibration = this.calibration;
    const calibrated = calibration?.predict(
      last.epoch,
      smoothedLast(scores, calibration.smoothing) as number,
      raw,
      train,
    );
    const base = { epoch: last.epoch, points: points.length, members };
    if (calibrated !== undefined) {
      const trainingMetric = calibrated.withTrainingMetric ? this.trainingMetricName() : undefined;
      return {
        ...base,
        raw,
        value: calibrated.value,
        spread: calibrated.spread,
        calibrated: true,
        ...(trainingMetric === undefined ? {} : { trainingMetric }),
      };
    }
    return reason === undefined
      ? { ...base, raw, value: raw, spread, calibrated: false }
      : { ...base, raw, value: raw, spread, calibrated: false, reason };
  }

  /**
   * Fits the curve (a long one on a sample of its points) and remembers the fit for the trial: warm-started from
   * the trial's previous fit, except on every `refitEvery`-th fit, which starts afresh (the full multi-start).
   */
  private fit(points: readonly CurvePoint[], target: number, memory: TrialMemory): LastFit {
    memory.fits = (memory.fits ?? 0) + 1;
    const previous =
      memory.fits % this.options.fit.refitEvery === 0
        ? undefined
        : memory.steps[memory.steps.length - 1]?.members;
    memory.fit = fitCurve(this.extrapolator, points, target, this.metric.direction, this.options.E, previous);
    return memory.fit;
  }

  /** The rule's decision for the trial's current state. */
  decide(trial: TrialInput): Verdict {
    const memory = this.memory(trial.id);
    const divergence = this.options.divergence;
    if (divergence !== false) {
      const reason = divergedReason(
        trial.curve as readonly EpochLogs[],
        this.metric.metric,
        divergence.points,
      );
      if (reason !== undefined) {
        memory.verdict = { stop: true, reason };
        return memory.verdict;
      }
    }
    if (this.protectedTrial(trial)) return { stop: false };
    const verdict = this.verdict(trial, memory);
    if (verdict.stop) memory.verdict = verdict;
    return verdict;
  }

  /** The rule's verdict for the trial's current state (the divergence check aside). */
  private verdict(trial: TrialInput, memory: TrialMemory): Verdict {
    const context: RuleContext = {
      trialId: trial.id,
      target: this.target(trial),
      points: this.curve(trial).scores,
      steps: memory.steps,
      finished: this.knowledge.finished,
      toMetric: this.toMetric,
    };
    return plausibleReport(
      calibratedFloor(this.rule.decide(context), memory.steps, context, this.toMetric),
      memory.steps,
      context,
      this.calibration?.smoothing ?? CALIBRATION_DEFAULTS.smoothing,
    );
  }

  /**
   * The audit (audit.ts): a trial trained fully on purpose is judged all the same at each point, and the first stop
   * the rule would make is kept. Returns the prediction to record at this point — `prediction` with the would-be
   * stop in `detail.audit` the first time there is one (a prediction without a value when the predictor had none),
   * so the journal holds it and a resumed run recalls it; otherwise `prediction` as it was.
   */
  audit(trial: TrialInput, prediction: Prediction | undefined): Prediction | undefined {
    if (!this.auditedTrial(trial)) return prediction;
    const memory = this.memory(trial.id);
    if (memory.audit !== undefined) return prediction;
    const epoch = this.curve(trial).points.at(-1)?.epoch;
    // At the target the trial has finished: no rule is asked then, so no stop there counts.
    if (epoch === undefined || epoch >= this.target(trial) - 1e-9) return prediction;
    const verdict = this.verdict(trial, memory);
    if (!verdict.stop) return prediction;
    const value = verdict.prediction === undefined ? undefined : this.toMetric(verdict.prediction);
    const audit: AuditStop = {
      epoch,
      reason: verdict.reason,
      ...(value === undefined || !Number.isFinite(value) ? {} : { prediction: value }),
    };
    memory.audit = audit;
    const base: Prediction = prediction ?? {
      metric: this.metric.metric,
      epoch,
      target: this.target(trial),
      value: null,
      by: AUDIT_PREDICTION_BY,
      reason: 'no prediction at this point; the rule would have stopped the trial',
    };
    return { ...base, detail: { ...base.detail, audit } };
  }

  /** The audited trials that have finished (trained fully on purpose, with the stop the rule would have made). */
  get audits(): readonly AuditRecord[] {
    return this.knowledge.audits;
  }

  /** What the audited trials say (audit.ts), in the metric's direction; undefined while none has finished. */
  auditSummary(): AuditSummary | undefined {
    const audits = this.knowledge.audits;
    return audits.length === 0 ? undefined : auditSummary(audits, this.metric.direction);
  }

  /** The predicted final value (metric units) of a trial this predictor stopped, if it predicted one. */
  stoppedPrediction(id: string): number | undefined {
    const prediction = this.trials.get(id)?.verdict?.prediction;
    return prediction === undefined ? undefined : this.toMetric(prediction);
  }

  /**
   * Learns from a finished trial: its reported value joins the finished trials the rules compare against and,
   * when it was trained to the target, it becomes a calibration sample. Then its memory is cleared.
   */
  finish(
    trial: TrialInput &
      Pick<TrialSnapshot, 'status' | 'fitness'> &
      Partial<Pick<TrialSnapshot, 'predictions'>>,
  ): AuditRecord | undefined {
    const memory = this.trials.get(trial.id);
    this.trials.delete(trial.id);
    if (trial.status === 'failed') return undefined;
    const points = pointsAsScores(this.curve(trial).points, this.metric.direction);
    const last = points[points.length - 1];
    if (last === undefined) return undefined;
    const target = this.target(trial);
    const complete = trial.status === 'completed' && last.epoch >= target - 1e-9;
    const objective = this.metric.objective;
    const reported = objective === undefined ? undefined : trial.fitness?.[objective]?.value;
    // Its memory is gone from `trials` now: the stop's prediction is read from the memory taken above.
    const stoppedScore = memory?.verdict?.prediction;
    const stopped = stoppedScore === undefined ? undefined : this.toMetric(stoppedScore);
    const finalMetric = reported ?? stopped ?? this.toMetric(last.value);
    const final = this.sign * finalMetric + 0;
    if (!Number.isFinite(final)) return undefined;
    this.knowledge.addFinished({
      id: trial.id,
      final,
      complete,
      points,
      ...(this.protectedTrial(trial) ? { protected: true } : {}),
    });
    if (!complete && trial.status === 'stopped') this.learnStopped(trial, points, memory, final);
    if (complete && this.calibration !== undefined && this.learnsFrom(trial))
      this.calibration.learn({ ...this.sampleOf(trial, points, memory), final: last.value });
    if (!complete || !this.auditedTrial(trial)) return undefined;
    // A trial this process never observed (a resumed run) recalls its would-be stop from its recorded predictions.
    const stop = memory === undefined ? recalledAudit(trial.predictions ?? []) : memory.audit;
    const audit: AuditRecord = { id: trial.id, final: finalMetric, ...(stop === undefined ? {} : { stop }) };
    this.knowledge.addAudit(audit);
    return audit;
  }

  /**
   * With `calibration.fromStopped`, a trial the rule stopped teaches the calibration the epochs before its stop, with
   * the value it reported as its final (the stop's prediction, or its best value where that is what the rule
   * reported). Without it the calibration learns only from trials that survived the rule, and those never stayed
   * low: it predicts too much for a trial that looks bad early.
   */
  private learnStopped(
    trial: TrialInput & Partial<Pick<TrialSnapshot, 'predictions'>>,
    points: readonly CurvePoint[],
    memory: TrialMemory | undefined,
    reportedScore: number,
  ): void {
    const calibration = this.calibration;
    const options = this.options.calibration;
    const last = points[points.length - 1];
    if (calibration === undefined || options === false || !options.fromStopped || last === undefined) return;
    if (points.length < 2 || !this.learnsFrom(trial)) return;
    calibration.learn({ ...this.sampleOf(trial, points, memory), final: reportedScore, until: last.epoch });
  }

  /**
   * A finished trial's calibration features at each of its points (smoothed last value, raw extrapolation, and the
   * training metric where one is configured): the raw
   * extrapolations from its memory, or, for a trial this process never observed, from the predictions it recorded.
   */
  private sampleOf(
    trial: TrialInput & Partial<Pick<TrialSnapshot, 'predictions'>>,
    points: readonly CurvePoint[],
    memory: TrialMemory | undefined,
  ): Omit<CalibrationSample, 'final'> {
    const rawByEpoch = memory
      ? new Map(memory.steps.map((s) => [s.epoch, s.raw]))
      : this.recalledRaw(trial.predictions ?? []);
    const smoothing = this.calibration?.smoothing ?? CALIBRATION_DEFAULTS.smoothing;
    const logs = trial.curve as readonly EpochLogs[];
    const train = this.trainingMetric(logs);
    return {
      id: trial.id,
      epochs: points.map((p) => p.epoch),
      last: points.map(
        (_, i) => smoothedLast(points.slice(Math.max(0, i + 1 - smoothing), i + 1), smoothing) as number,
      ),
      raw: points.map((p) => rawByEpoch.get(p.epoch) ?? null),
      ...(train === undefined
        ? {}
        : {
            train: trainingFeatures(
              logs,
              train,
              points.map((p) => p.epoch),
              smoothing,
            ),
          }),
    };
  }

  /**
   * Whether a fully trained trial may teach the calibration: with `learnFrom: 'protected'` only trials trained
   * fully on purpose (`fullTraining`), an unbiased sample; trials that survived the rule are not (they are
   * exactly the ones that looked better than their peers, so they bias the relation).
   */
  private learnsFrom(trial: TrialInput): boolean {
    const calibration = this.options.calibration;
    return calibration === false || calibration.learnFrom === 'all' || this.protectedTrial(trial);
  }

  get finishedTrials(): readonly FinishedTrialInfo[] {
    return this.knowledge.finished;
  }

  /**
   * The raw extrapolations of a trial this process never observed (a resumed run replaying a trial that ended after
   * the last checkpoint), by epoch: rebuilt from the predictions it recorded, which the journal holds, so per-trial
   * memory needs no checkpoint.
   */
  private recalledRaw(predictions: readonly Prediction[]): Map<number, number | null> {
    const raw = new Map<number, number | null>();
    for (const p of predictions) {
      if (p.metric !== this.metric.metric || !p.by.startsWith('predictor:')) continue;
      // An audit's placeholder (no prediction at that point) must not hide the extrapolation recorded there.
      if (p.by === AUDIT_PREDICTION_BY) continue;
      const value = p.detail?.raw;
      // Metric units back to scores: toMetric multiplies by the direction's sign, its own inverse.
      raw.set(p.epoch, typeof value === 'number' ? this.sign * value + 0 : null);
    }
    return raw;
  }

  /**
   * Learns from a trial that finished before a resume, as `finish` did when it ended: rebuilt from the journal
   * (its curve, fitness and recorded predictions). A trial already learned (a restored state) is left alone.
   */
  recall(trial: Parameters<Predictor['finish']>[0]): void {
    if (this.knowledge.has(trial.id)) return;
    this.finish(trial);
  }

  state(): PredictorState {
    return this.knowledge.state();
  }

  /** Restores what was learned and forgets every running trial's memory. */
  restore(state: unknown): void {
    this.knowledge.restore(state);
    this.trials.clear();
  }
}
