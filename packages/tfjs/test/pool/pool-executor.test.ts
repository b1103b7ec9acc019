import { EXECUTOR_PROTOCOL, type TrialJob } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { workerPoolExecutor } from '../../src/pool/index.js';
import { mlpSpace } from '../../src/spaces/index.js';

const space = mlpSpace();
const genome = { layers: 1, 'layer1.units': 32, 'layer1.activation': 'relu', 'layer1.dropout': 0 };
const entry = new URL('./fixtures/misbehaving-worker.ts', import.meta.url);

function trialJob(seed: number): TrialJob {
  return {
    protocol: EXECUTOR_PROTOCOL,
    runId: 'r',
    trialId: `t${seed}`,
    attempt: 1,
    genome,
    seed,
    maxEpochs: 1,
  };
}

describe('workerPoolExecutor', () => {
  it('is an Executor: plain-JSON jobs in, epoch logs answered, epochs charged and worker facts as info', async () => {
    const executor = workerPoolExecutor({
      size: 1,
      entry,
      toTrainJob: (job) => ({
        trialId: job.trialId,
        genome: job.genome,
        architecture: space.architecture(job.genome),
        settings: {
          optimizer: 'adam',
          learningRate: 0.003,
          momentum: 0.9,
          nesterov: false,
          weightDecay: 0,
          batchSize: 64,
          schedule: { type: 'constant' },
          validationEvery: 0.5,
        },
        seed: job.seed,
        maxEpochs: job.maxEpochs,
        dataset: { name: 'fashion-mnist', trainSize: 512, valSize: 256, testSize: 0 },
        backend: 'cpu',
      }),
    });
    expect(executor.concurrency).toBe(1);
    try {
      const seen: number[] = [];
      const result = await executor.execute(
        trialJob(1),
        async (logs) => {
          seen.push(logs.epoch);
          return 'stop';
        },
        new AbortController().signal,
      );
      expect(seen).toEqual([1]);
      expect(result.epochs).toBeGreaterThan(0);
      expect(result.info).toMatchObject({ outcome: 'stopped' });
    } finally {
      await executor.close?.();
    }
  });

  it('fails the trial, not the executor, when the job cannot be built', async () => {
    const executor = workerPoolExecutor({
      size: 1,
      entry,
      toTrainJob: () => {
        throw new Error('genome is not in space');
      },
    });
    await expect(
      executor.execute(trialJob(2), async () => 'continue', new AbortController().signal),
    ).rejects.toThrow('genome is not in space');
    await executor.close?.();
  });
});
