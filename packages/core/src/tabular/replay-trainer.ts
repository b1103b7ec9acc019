import type { CurveRecord } from '../curves/read-curve-file.js';
import { PenguinError } from '../errors.js';
import type { EpochLogs, Genome, ReportFn, Trainer, TrainResult, TrialHandle } from '../types.js';
import { type TabularSpace, tabularSpace } from './tabular-space.js';

export interface ReplayTrainerOptions {
  /** The table the genomes come from (default: a tabular space built from the records). */
  readonly space?: TabularSpace;
  /** Metrics to replay (default: all of the record). */
  readonly metrics?: readonly string[];
  /** Milliseconds to wait before each validation point: simulated training time (default 0). */
  readonly epochMs?: number;
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A trainer that trains nothing: it replays a recorded learning curve point by point, honours the stop signal,
 * and charges the epochs it replayed. With a tabular space it benchmarks a whole search on real curves in seconds.
 */
export function replayTrainer(
  source: TabularSpace | readonly CurveRecord[],
  options: ReplayTrainerOptions = {},
): Trainer<Genome> {
  const space =
    options.space ??
    (Array.isArray(source) ? tabularSpace(source as readonly CurveRecord[]) : (source as TabularSpace));
  return {
    name: 'replay',
    async train(trial: TrialHandle<Genome>, report: ReportFn): Promise<TrainResult> {
      const record: CurveRecord | undefined = space.recordOf(trial.genome);
      if (!record) {
        throw new PenguinError(
          'TRAINER_ERROR',
          `replay: no recorded curve for genome ${space.key(trial.genome)}`,
        );
      }
      const metricNames = options.metrics ?? Object.keys(record.metrics);
      for (const m of metricNames) {
        if (!record.metrics[m]) {
          throw new PenguinError(
            'TRAINER_ERROR',
            `replay: record ${record.id} has no metric "${m}" (it has ${Object.keys(record.metrics).join(', ')})`,
          );
        }
      }
      let trained = 0;
      for (let i = 0; i < record.epochs.length; i++) {
        const epoch = record.epochs[i] as number;
        if (epoch <= 0) continue; // index 0 "before training" points carry no training cost and are not validation results
        if (epoch > trial.maxEpochs + 1e-9) break;
        if (options.epochMs) await sleep(options.epochMs, trial.signal);
        if (trial.signal.aborted) break;
        const logs: Record<string, number | null> = { epoch };
        for (const m of metricNames) logs[m] = (record.metrics[m] as (number | null)[])[i] ?? null;
        trained = epoch;
        const answer = await report(logs as EpochLogs);
        if (answer === 'stop') break;
      }
      return { epochs: trained, info: { record: record.id } };
    },
  };
}
