import { TrainerError } from '../errors.js';
import type { TrialState } from '../trial/trial-state.js';
import type { EpochLogs, Fitness, Genome, SearchSpace } from '../types.js';
import type { RunState } from './run-state.js';
import type { TrialRunner } from './trial-runner.js';

/** What `observe` answers to a loop that trains by itself. */
export interface ObserveResult {
  readonly stop: boolean;
  readonly reason?: string;
  /** The latest prediction of the trial's learned objective, if any. */
  readonly prediction?: number;
}

/**
 * The bring-your-own-loop side of the engine (`startTrial`, `observe`, `finish`): the same trial lifecycle as a
 * managed run, driven by the caller's training loop instead of an executor.
 */
export class CustomLoop<G extends Genome> {
  constructor(
    private readonly state: RunState<G>,
    private readonly runner: TrialRunner<G>,
    private readonly space: SearchSpace<G> | undefined,
    private readonly endTrial: (trial: TrialState<G>) => Promise<void>,
  ) {}

  async start(genome: G): Promise<{ readonly id: string; readonly seed: number }> {
    const trial = this.state.create(genome, this.space);
    await this.runner.measureStatic(trial);
    this.runner.start(trial, false);
    await this.runner.announce(trial);
    if (trial.pendingError) await this.endTrial(trial);
    return { id: trial.id, seed: trial.seed };
  }

  async observe(trialId: string, logs: EpochLogs): Promise<ObserveResult> {
    const trial = this.state.trialOf(trialId, 'observe');
    if (trial.finished) return { stop: true, reason: `trial ${trialId} has already finished` };
    const answer = await this.runner.report(trial, logs);
    const prediction = trial.latestPrediction();
    const result: { stop: boolean; reason?: string; prediction?: number } = { stop: answer === 'stop' };
    if (trial.decision) result.reason = trial.decision.reason;
    else if (trial.pendingError) result.reason = trial.pendingError.message;
    if (prediction !== undefined) result.prediction = prediction;
    return result;
  }

  async finish(
    trialId: string,
    result: { readonly epochs?: number; readonly error?: unknown },
  ): Promise<Fitness> {
    const trial = this.state.trialOf(trialId, 'finish');
    if (!trial.finished) {
      if (result.epochs !== undefined && Number.isFinite(result.epochs)) trial.epochs = result.epochs;
      if (result.error !== undefined) trial.pendingError = new TrainerError('custom loop', result.error);
      await this.endTrial(trial);
    }
    return trial.fitness as Fitness;
  }
}
