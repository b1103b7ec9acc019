import type { Decision, Genome } from '@penguin-nas/core';
import {
  checkedSchedule,
  type LearningRateSchedule,
  parseScheduleLabel,
  type ScheduleLabel,
  scheduleLabel,
} from '../train/schedule.js';

export type OptimizerName = 'sgd' | 'adam';
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'adam'];

/**
 * Training hyper-parameters a space may search alongside the architecture. Each key present adds one
 * decision named like the trainer option it overrides (`optimizer`, `learningRate`, `batchSize`, `weightDecay`,
 * `schedule`).
 */
export interface TrainingDecisionOptions {
  readonly optimizer?: readonly OptimizerName[];
  /** Log-uniform range. */
  readonly learningRate?: { readonly low: number; readonly high: number };
  readonly batchSize?: readonly number[];
  /** Choices (0 allowed), e.g. `[0, 1e-4, 5e-4]`. */
  readonly weightDecay?: readonly number[];
  /**
   * Learning-rate schedules to choose from, as schedules or their labels (`'cosine'`, `'step:10:0.1'`…); the genome
   * holds the label, and each trial logs the rate it trains with as `lr` at every validation point.
   */
  readonly schedule?: readonly (LearningRateSchedule | ScheduleLabel)[];
}

/** The decisions for the training hyper-parameters that were asked for, in a fixed order. */
export function trainingDecisions(options: TrainingDecisionOptions | undefined): Decision[] {
  if (!options) return [];
  const decisions: Decision[] = [];
  if (options.optimizer) {
    decisions.push({ kind: 'categorical', name: 'optimizer', choices: options.optimizer });
  }
  if (options.learningRate) {
    const { low, high } = options.learningRate;
    decisions.push({ kind: 'float', name: 'learningRate', low, high, log: true });
  }
  if (options.batchSize)
    decisions.push({ kind: 'categorical', name: 'batchSize', choices: options.batchSize });
  if (options.weightDecay) {
    decisions.push({ kind: 'categorical', name: 'weightDecay', choices: options.weightDecay });
  }
  if (options.schedule) {
    if (options.schedule.length === 0)
      throw new RangeError('training.schedule: expected at least one schedule');
    // Each is checked here, so a malformed schedule fails when the space is made, not in every trial.
    const schedules = options.schedule.map((s, i) => checkedSchedule(s, `training.schedule[${i}]`));
    const choices = schedules.map(scheduleLabel);
    choices.forEach((label, i) => {
      const first = choices.indexOf(label);
      if (first !== i)
        throw new RangeError(
          `training.schedule[${i}]: '${label}' is the same schedule as training.schedule[${first}]; list each once (a repeated one is sampled twice as often)`,
        );
    });
    const low = options.learningRate?.low;
    schedules.forEach((schedule, i) => {
      const min = schedule.type === 'cosine' ? schedule.minLearningRate : undefined;
      if (low !== undefined && min !== undefined && min >= low)
        throw new RangeError(
          `training.schedule[${i}]: the cosine minimum ${min} is an absolute rate and must lie below training.learningRate.low (${low}), or the rate would rise`,
        );
    });
    decisions.push({ kind: 'categorical', name: 'schedule', choices });
  }
  return decisions;
}

/** Training settings a genome carries; the trainer lets them override its own options. */
export interface TrainingOverrides {
  optimizer?: OptimizerName;
  learningRate?: number;
  batchSize?: number;
  weightDecay?: number;
  schedule?: LearningRateSchedule;
}

/** Reads the training hyper-parameters out of a genome (absent keys are left to the trainer's options). */
export function trainingOverrides(genome: Genome): TrainingOverrides {
  const out: TrainingOverrides = {};
  const { optimizer, learningRate, batchSize, weightDecay, schedule } = genome;
  if (optimizer === 'sgd' || optimizer === 'adam') out.optimizer = optimizer;
  if (typeof learningRate === 'number') out.learningRate = learningRate;
  if (typeof batchSize === 'number') out.batchSize = batchSize;
  if (typeof weightDecay === 'number') out.weightDecay = weightDecay;
  if (typeof schedule === 'string') out.schedule = parseScheduleLabel(schedule, 'genome.schedule');
  return out;
}
