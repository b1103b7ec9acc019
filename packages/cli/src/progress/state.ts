import {
  type Budget,
  baselineEpochs,
  type ObjectiveSpec,
  type RunContext,
  savings,
  type TrialSnapshot,
} from '@penguin-nas/core';

/** What the progress display knows about one running trial. */
export interface RunningTrial {
  readonly id: string;
  readonly index: number;
  epoch: number;
  /** Latest value of the watched metric (null when not finite). */
  value: number | null | undefined;
  /** Latest prediction of the final value, if a predictor made one. */
  predicted: number | undefined;
}

/** A finished trial, as the progress display reports it. */
export interface FinishedLine {
  readonly id: string;
  readonly status: 'completed' | 'stopped' | 'failed';
  readonly epochs: number;
  readonly value: number | undefined;
  readonly predicted: boolean;
  readonly error: string | undefined;
}

/** Run-wide counters, updated by the progress plugin's taps. */
export class ProgressState {
  budget: Budget = {};
  maxEpochs = 0;
  resumed = false;
  dir: string | undefined;
  finished = 0;
  failed = 0;
  stopped = 0;
  /** Epochs trained by finished trials. */
  finishedEpochs = 0;
  /** Epochs the finished trials would have trained without early termination. */
  baselineEpochs = 0;
  best: { id: string; value: number } | undefined;
  readonly running = new Map<string, RunningTrial>();

  constructor(
    /** The objective shown (the first curve objective), its logged metric and direction. */
    readonly objective: string,
    readonly metric: string,
    readonly direction: ObjectiveSpec['direction'],
  ) {}

  static forObjectives(objectives: readonly ObjectiveSpec[]): ProgressState {
    const curve = objectives.find((o) => o.from === 'curve') ?? objectives[0];
    const name = curve?.name ?? 'val_acc';
    return new ProgressState(name, curve?.metric ?? name, curve?.direction ?? 'maximize');
  }

  begin(context: RunContext): void {
    this.budget = context.budget;
    this.maxEpochs = context.maxEpochs;
    this.resumed = context.resumed;
    this.dir = context.dir;
  }

  start(trial: TrialSnapshot): void {
    this.running.set(trial.id, {
      id: trial.id,
      index: trial.index,
      epoch: 0,
      value: undefined,
      predicted: undefined,
    });
  }

  epoch(trial: TrialSnapshot, logs: Readonly<Record<string, number | null>>): void {
    const running = this.running.get(trial.id) ?? {
      id: trial.id,
      index: trial.index,
      epoch: 0,
      value: undefined,
      predicted: undefined,
    };
    running.epoch = typeof logs.epoch === 'number' ? logs.epoch : running.epoch;
    if (this.metric in logs) running.value = logs[this.metric];
    const last = [...trial.predictions].reverse().find((p) => p.metric === this.metric && p.value !== null);
    if (last?.value !== null && last?.value !== undefined) running.predicted = last.value;
    this.running.set(trial.id, running);
  }

  /** Predictions are recorded during `onEpochEnd`; refresh them once every tap has run. */
  refreshPrediction(trial: TrialSnapshot): void {
    const running = this.running.get(trial.id);
    const last = [...trial.predictions].reverse().find((p) => p.metric === this.metric && p.value !== null);
    if (running && typeof last?.value === 'number') running.predicted = last.value;
  }

  end(trial: TrialSnapshot): FinishedLine {
    this.running.delete(trial.id);
    const status = trial.status === 'completed' || trial.status === 'stopped' ? trial.status : 'failed';
    const epochs = trial.cost.epochs;
    this.finished++;
    this.finishedEpochs += epochs;
    this.baselineEpochs += baselineEpochs({ status, maxEpochs: trial.maxEpochs, epochs }) ?? 0;
    if (status === 'failed') this.failed++;
    if (status === 'stopped') this.stopped++;
    const objective = trial.fitness?.[this.objective];
    const value = objective && Number.isFinite(objective.value) ? objective.value : undefined;
    if (value !== undefined && status !== 'failed') {
      const better =
        this.best === undefined ||
        (this.direction === 'maximize' ? value > this.best.value : value < this.best.value);
      if (better) this.best = { id: trial.id, value };
    }
    return {
      id: trial.id,
      status,
      epochs,
      value,
      predicted: objective?.source === 'predicted',
      error: trial.error,
    };
  }

  /** Epochs trained so far, running trials included. */
  epochsSoFar(): number {
    let epochs = this.finishedEpochs;
    for (const trial of this.running.values()) epochs += trial.epoch;
    return epochs;
  }

  /** Fraction of the finished trials' epochs saved by early termination. */
  saved(): number {
    return savings(this.finishedEpochs, this.baselineEpochs).saved;
  }
}
