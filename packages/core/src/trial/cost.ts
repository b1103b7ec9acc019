/**
 * What a run's trials cost, defined once: the run summary, the report, the CLI progress and `penguin resume` all
 * count epochs and savings with these functions, so they agree on the same directory.
 */

/** The part of a trial its cost depends on. `status` is the trial's, or 'running' for one not ended. */
export interface CostInput {
  readonly status: string;
  readonly maxEpochs: number;
  /** Epochs trained (or replayed). */
  readonly epochs: number;
}

export interface RunCost {
  /** Epochs trained by every trial, unfinished ones included. */
  readonly epochs: number;
  /** Epochs trained by finished trials. */
  readonly finishedEpochs: number;
  /** Epochs the finished trials would have trained without early termination. */
  readonly baselineEpochs: number;
  /** 1 − finishedEpochs / baselineEpochs (0 with no baseline). */
  readonly saved: number;
  /** baselineEpochs / finishedEpochs (1 with nothing trained). */
  readonly throughputGain: number;
}

const FINISHED = new Set(['completed', 'stopped', 'failed']);

/** Whether a trial has ended (completed, stopped or failed). */
export function isFinishedStatus(status: string): boolean {
  return FINISHED.has(status);
}

/**
 * What a finished trial would have trained without early termination: its target for a stopped trial, what it
 * trained otherwise (a failed trial was not saved anything). Undefined for an unfinished trial: it has no baseline.
 */
export function baselineEpochs(trial: CostInput): number | undefined {
  if (!isFinishedStatus(trial.status)) return undefined;
  return trial.status === 'stopped' ? Math.max(trial.maxEpochs, trial.epochs) : trial.epochs;
}

/** The fraction saved and the throughput gain of finished trials that trained `finishedEpochs` of `baseline`. */
export function savings(
  finishedEpochs: number,
  baseline: number,
): { readonly saved: number; readonly throughputGain: number } {
  return {
    saved: baseline > 0 ? 1 - finishedEpochs / baseline : 0,
    throughputGain: finishedEpochs > 0 ? baseline / finishedEpochs : 1,
  };
}

/** Savings of finished trials only: an interrupted trial counts in `epochs` but never against the baseline. */
export function runCost(trials: Iterable<CostInput>): RunCost {
  let epochs = 0;
  let finishedEpochs = 0;
  let baseline = 0;
  for (const trial of trials) {
    epochs += trial.epochs;
    const b = baselineEpochs(trial);
    if (b === undefined) continue;
    finishedEpochs += trial.epochs;
    baseline += b;
  }
  return { epochs, finishedEpochs, baselineEpochs: baseline, ...savings(finishedEpochs, baseline) };
}
