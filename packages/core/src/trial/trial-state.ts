import type {
  EpochLogs,
  Fitness,
  Genome,
  Prediction,
  TerminateDecision,
  TrialSnapshot,
  TrialStatus,
  TrialView,
} from '../types.js';
import { assertTransition, type TrialPhase } from './lifecycle.js';

/**
 * One trial: the engine's mutable record of it, and its lifecycle (`phase`, moved only through `moveTo`). The
 * engine, `foldTrials` and every view build it the same way, from the same events. Hooks and searchers only ever
 * see snapshots of it.
 */
export class TrialState<G extends Genome = Genome> {
  status: TrialStatus = 'pending';
  private current: TrialPhase = 'created';
  /** 1 on the first launch; one more on every relaunch of the same trial (resume). */
  attempt = 1;
  readonly curve: EpochLogs[] = [];
  readonly predictions: Prediction[] = [];
  decision: TerminateDecision | undefined;
  fitness: Fitness | undefined;
  staticObjectives: Readonly<Record<string, number>> = {};
  epochs = 0;
  seconds = 0;
  error: string | undefined;
  /** An error raised while the trainer was running (e.g. by a plugin); fails the trial when training returns. */
  pendingError: Error | undefined;
  readonly controller = new AbortController();
  startedAt = 0;
  /** Why the searcher's genome was repaired, when it was. */
  repairReason: string | undefined;
  /** What the trainer reported about the trial (plain JSON). */
  info: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly id: string,
    readonly index: number,
    readonly genome: G,
    readonly seed: number,
    readonly maxEpochs: number,
    readonly repairedFrom?: Genome,
  ) {}

  get phase(): TrialPhase {
    return this.current;
  }

  /** Moves the trial to `phase`; an illegal move throws a LIFECYCLE_ERROR naming the trial and both phases. */
  moveTo(phase: TrialPhase): void {
    assertTransition(this.id, this.current, phase);
    this.current = phase;
  }

  get finished(): boolean {
    return this.status === 'completed' || this.status === 'stopped' || this.status === 'failed';
  }

  /**
   * Drops the curve and the prediction history (see EngineOptions.keepHistory; a told trial only), keeping the
   * latest prediction and, for each metric, the latest one with a value, so `latestPrediction` answers the same.
   */
  forgetHistory(): void {
    this.curve.length = 0;
    const kept = new Set<number>([this.predictions.length - 1]);
    const metrics = new Set<string>();
    for (let i = this.predictions.length - 1; i >= 0; i--) {
      const prediction = this.predictions[i] as Prediction;
      if (typeof prediction.value !== 'number' || metrics.has(prediction.metric)) continue;
      metrics.add(prediction.metric);
      kept.add(i);
    }
    const latest = this.predictions.filter((_, i) => kept.has(i));
    this.predictions.length = 0;
    this.predictions.push(...latest);
  }

  /** The latest non-null predicted value, if any. */
  latestPrediction(): number | undefined {
    for (let i = this.predictions.length - 1; i >= 0; i--) {
      const v = this.predictions[i]?.value;
      if (typeof v === 'number') return v;
    }
    return undefined;
  }

  snapshot(): TrialSnapshot<G> {
    const snap: {
      -readonly [K in keyof TrialSnapshot<G>]: TrialSnapshot<G>[K];
    } = {
      id: this.id,
      index: this.index,
      genome: this.genome,
      status: this.status,
      maxEpochs: this.maxEpochs,
      curve: this.curve.slice(),
      predictions: this.predictions.slice(),
      staticObjectives: this.staticObjectives,
      cost: { epochs: this.epochs, seconds: this.seconds },
      seed: this.seed,
    };
    if (this.repairedFrom) snap.repairedFrom = this.repairedFrom;
    if (this.decision) snap.decision = this.decision;
    if (this.fitness) snap.fitness = this.fitness;
    if (this.error !== undefined) snap.error = this.error;
    if (this.info !== undefined) snap.info = this.info;
    return Object.freeze(snap);
  }

  view(recordPrediction: (prediction: Prediction) => void): TrialView<G> {
    return Object.freeze({ ...this.snapshot(), recordPrediction });
  }
}
