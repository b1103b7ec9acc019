import {
  EXECUTOR_PROTOCOL,
  type Genome,
  type ReportFn,
  type Trainer,
  TrainerError,
  type TrialHandle,
  type TrialJob,
} from '@penguin-nas/core';
import { type SelectedBackend, selectBackend } from '../backend/index.js';
import { type DatasetConfig, loadDataset } from '../datasets/index.js';
import { type TrainJob, workerPoolExecutor } from '../pool/index.js';
import type { NetworkSpace } from '../spaces/network-space.js';
import { trainingOverrides } from '../spaces/training.js';
import type { TrainingData } from './data.js';
import { fitTrial } from './fit-trial.js';
import {
  type ResolvedTrainerSettings,
  resolveTrainerConfig,
  type TrainerSettingsConfig,
  trainerSettingsSchema,
  trainSettings,
} from './options.js';
import { assertSpaceFitsData } from './prepare.js';

/** Where the examples come from: a dataset config (loaded once; required with workers) or arrays already in memory. */
export type TrainerData =
  | { readonly dataset: DatasetConfig; readonly data?: never }
  | { readonly data: TrainingData; readonly dataset?: never };

export type TfjsTrainerOptions = TrainerSettingsConfig &
  TrainerData & {
    /** The space whose genomes this trainer builds. */
    readonly space: NetworkSpace;
  };

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Trains genomes of a network space with TensorFlow.js, in this thread or (`workers > 0`) in a pool of worker
 * threads. Each validation point goes to `report`; 'stop' ends training at once. A trial that fails (NaN loss,
 * a worker crash, a genome outside the space) rejects with a `TrainerError` saying why; the trainer stays usable.
 */
export function tfjsTrainer(options: TfjsTrainerOptions): Trainer {
  const { space, dataset, data: inline, ...rest } = options;
  const config: ResolvedTrainerSettings = resolveTrainerConfig(rest, 'trainer', trainerSettingsSchema);
  if (!dataset && !inline)
    throw new RangeError('trainer: expected `dataset` (a dataset config) or `data` (arrays)');
  if (config.workers > 0 && !dataset) {
    throw new RangeError(
      'trainer.workers: workers load their data from `dataset`; in-memory `data` needs workers: 0',
    );
  }
  let data: Promise<TrainingData> | undefined;
  const toTrainJob = (trial: TrialJob): TrainJob => {
    const checked = space.validate(trial.genome);
    if (!checked.ok) throw new Error(`genome is not in space ${space.name}: ${checked.errors.join('; ')}`);
    return {
      trialId: trial.trialId,
      genome: trial.genome,
      architecture: space.architecture(trial.genome),
      settings: trainSettings(config, trainingOverrides(trial.genome)),
      seed: trial.seed,
      maxEpochs: trial.maxEpochs,
      // With in-memory `data` (no workers allowed) the job's dataset is never read.
      dataset: dataset ?? { name: 'fashion-mnist' },
      backend: config.backend,
    };
  };
  // The worker pool is an executor of its own; the trainer trains through it when `workers > 0`.
  const pool =
    config.workers > 0
      ? workerPoolExecutor({
          name: 'tfjs',
          size: config.workers,
          maxModelsPerWorker: config.maxModelsPerWorker,
          toTrainJob,
          // One copy for all workers: loaded here into SharedArrayBuffers, read by every worker.
          shareData: () => (data ??= loadDataset({ ...(dataset as DatasetConfig), shared: true })),
          ...(config.workerMemoryMb
            ? { resourceLimits: { maxOldGenerationSizeMb: config.workerMemoryMb } }
            : {}),
        })
      : undefined;
  let backend: Promise<SelectedBackend> | undefined;

  const inProcess = async (trial: TrialHandle, job: TrainJob, report: ReportFn) => {
    backend ??= selectBackend({ backend: config.backend });
    data ??= inline ? Promise.resolve(inline) : loadDataset(dataset as DatasetConfig);
    const [selected, examples] = await Promise.all([backend, data]);
    const { architecture, settings, seed, maxEpochs } = job;
    const result = await fitTrial({
      architecture,
      settings,
      seed,
      maxEpochs,
      data: examples,
      report,
      signal: trial.signal,
      tf: selected.tf,
    });
    return { ...result, backend: selected.name };
  };

  return {
    name: 'tfjs',
    // One trial per worker at once; in-process training runs one trial at a time.
    concurrency: Math.max(1, config.workers),
    staticObjectives: (genome: Genome) => space.staticObjectives(genome),
    /** Loads the data once (the trials reuse it), starts the backend and checks the space fits the data. */
    async prepare() {
      try {
        if (config.workers > 0) {
          // The pool's workers read this copy; each worker starts its own backend.
          data ??= loadDataset({ ...(dataset as DatasetConfig), shared: true });
        } else {
          backend ??= selectBackend({ backend: config.backend });
          data ??= inline ? Promise.resolve(inline) : loadDataset(dataset as DatasetConfig);
        }
        // Both at once, so neither rejection goes unhandled while the other is awaited.
        const [examples] = await Promise.all([data, backend]);
        assertSpaceFitsData(space, examples);
      } catch (error) {
        throw new TrainerError('tfjs', `prepare: ${describe(error)}`);
      }
    },
    async train(trial, report) {
      try {
        const job: TrialJob = {
          protocol: EXECUTOR_PROTOCOL,
          // A trainer called directly, outside a run, trains attempt 1 of a run named 'direct'.
          runId: trial.runId ?? 'direct',
          trialId: trial.id,
          attempt: trial.attempt ?? 1,
          genome: trial.genome,
          seed: trial.seed,
          maxEpochs: trial.maxEpochs,
        };
        if (pool) {
          const { epochs, info } = await pool.execute(job, report, trial.signal);
          return {
            epochs,
            staticObjectives: space.staticObjectives(trial.genome),
            ...(info ? { info } : {}),
          };
        }
        const result = await inProcess(trial, toTrainJob(job), report);
        const { epochs, ...info } = result;
        return { epochs, staticObjectives: space.staticObjectives(trial.genome), info };
      } catch (error) {
        throw new TrainerError('tfjs', `trial ${trial.id}: ${describe(error)}`);
      }
    },
    async dispose() {
      await pool?.close?.();
    },
  };
}
