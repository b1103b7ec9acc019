import type { EpochLogs, Genome, ReportAnswer } from '@penguin-nas/core';
import type { Architecture } from '../arch/types.js';
import type { BackendChoice } from '../backend/index.js';
import type { DatasetConfig } from '../datasets/index.js';
import type { TrainingData } from '../train/data.js';
import type { FitTrialResult, TrainSettings } from '../train/fit-trial.js';

/**
 * Everything a worker needs to train one trial, as plain JSON: the network, the settings, where the data is.
 * Nothing in it is a tensor or a function, so the same job could travel to another process or machine.
 */
export interface TrainJob {
  readonly trialId: string;
  /** The genome the architecture and settings come from (for logs; the worker builds `architecture`). */
  readonly genome: Genome;
  readonly architecture: Architecture;
  readonly settings: TrainSettings;
  readonly seed: number;
  readonly maxEpochs: number;
  readonly dataset: DatasetConfig;
  readonly backend: BackendChoice;
}

/** The key under which a worker caches the data of a dataset config. */
export function datasetKey(dataset: DatasetConfig): string {
  return JSON.stringify(dataset);
}

/** What a worker reports when its trial is over. */
export interface WorkerTrainResult extends FitTrialResult {
  readonly backend: string;
  /** `shared`: the data came from the pool (one copy in SharedArrayBuffers); `loaded`: the worker read it itself. */
  readonly data: 'shared' | 'loaded';
  readonly threadId: number;
  /** Models this worker has trained, this one included. */
  readonly models: number;
  /** Heap and resident memory of the worker's process part, in MiB, after the trial. */
  readonly heapUsedMb: number;
  readonly rssMb: number;
}

/**
 * Engine side → worker. Everything is plain JSON except `data`, which carries typed arrays (in
 * SharedArrayBuffers, so every worker reads the same memory); a worker that never gets it loads the dataset
 * named in the job itself.
 */
export type ToWorker =
  | { readonly type: 'data'; readonly key: string; readonly data: TrainingData }
  | { readonly type: 'train'; readonly job: TrainJob }
  | { readonly type: 'answer'; readonly answer: ReportAnswer }
  | { readonly type: 'abort' };

/** Worker → engine side. */
export type FromWorker =
  | { readonly type: 'epoch'; readonly logs: EpochLogs }
  | { readonly type: 'done'; readonly result: WorkerTrainResult }
  | { readonly type: 'failed'; readonly error: string };
