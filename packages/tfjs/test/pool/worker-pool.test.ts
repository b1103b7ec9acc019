import { afterEach, describe, expect, it } from 'vitest';
import { type TrainJob, WorkerPool } from '../../src/pool/index.js';
import { mlpSpace } from '../../src/spaces/index.js';

const space = mlpSpace();
const genome = { layers: 1, 'layer1.units': 32, 'layer1.activation': 'relu', 'layer1.dropout': 0 };

function job(seed: number, maxEpochs = 1): TrainJob {
  return {
    trialId: `t${seed}`,
    genome,
    architecture: space.architecture(genome),
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
    seed,
    maxEpochs,
    dataset: { name: 'fashion-mnist', trainSize: 512, valSize: 256, testSize: 0 },
    backend: 'cpu',
  };
}

let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPool when workers misbehave', () => {
  const entry = new URL('./fixtures/misbehaving-worker.ts', import.meta.url);

  it('fails only the trial of a worker that exits, throws or runs out of memory, and replaces the worker', async () => {
    pool = new WorkerPool({ size: 1, entry, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    const cont = async () => 'continue' as const;
    const healthy = await pool.run(job(1), cont);
    await expect(pool.run(job(13), cont)).rejects.toThrow('worker exited with code 3');
    const afterExit = await pool.run(job(2), cont);
    await expect(pool.run(job(14), cont)).rejects.toThrow('worker crashed: boom');
    await expect(pool.run(job(15), cont)).rejects.toThrow(
      /^worker ran out of memory \(\{"maxOldGenerationSizeMb":48\}\)/,
    );
    const afterOom = await pool.run(job(3), cont);
    const threads = [healthy, afterExit, afterOom].map((r) => r.threadId);
    expect(new Set(threads).size).toBe(3);
    expect(afterOom.models).toBe(1);
  });

  it('recycles a worker after maxModelsPerWorker models', async () => {
    pool = new WorkerPool({ size: 1, maxModelsPerWorker: 2, entry });
    const results = [];
    for (const seed of [1, 2, 3]) results.push(await pool.run(job(seed), async () => 'continue'));
    expect(results.map((r) => r.models)).toEqual([1, 2, 1]);
    expect(results[1]?.threadId).toBe(results[0]?.threadId);
    expect(results[2]?.threadId).not.toBe(results[0]?.threadId);
  });

  it('relays the answer to each point and queues trials beyond its size', async () => {
    pool = new WorkerPool({ size: 1, entry });
    const seen: number[] = [];
    const [a, b] = await Promise.all([
      pool.run(job(1), async (l) => {
        seen.push(l.epoch);
        return 'stop';
      }),
      pool.run(job(2), async () => 'continue'),
    ]);
    expect(seen).toEqual([1]);
    expect(a.outcome).toBe('stopped');
    expect(b.outcome).toBe('completed');
    expect(b.threadId).toBe(a.threadId);
    expect(pool.workers).toBe(1);
  });

  it('runs trials at once on separate threads up to its size', async () => {
    pool = new WorkerPool({ size: 2, entry });
    const results = await Promise.all([1, 2].map((seed) => pool?.run(job(seed), async () => 'continue')));
    expect(new Set(results.map((r) => r?.threadId)).size).toBe(2);
    expect(pool.workers).toBe(2);
  });

  it('fails the trial with the error of a report that throws, and keeps the worker', async () => {
    pool = new WorkerPool({ size: 1, entry });
    const failing = pool.run(job(1), async () => {
      throw new Error('engine exploded');
    });
    await expect(failing).rejects.toThrow('engine exploded');
    const next = await pool.run(job(2), async () => 'continue');
    expect(next.models).toBe(2);
  });

  it('shares one copy of the data with every worker, once per worker', async () => {
    const x = new Float32Array(new SharedArrayBuffer(4 * 4));
    const data = {
      train: { x, y: new Int32Array(new SharedArrayBuffer(4 * 4)), count: 4 },
      val: { x, y: new Int32Array(4), count: 4 },
      shape: [2, 2, 1],
      numClasses: 2,
    };
    let calls = 0;
    const shareData = async () => {
      calls++;
      return data;
    };
    pool = new WorkerPool({ size: 2, entry, shareData });
    const results = await Promise.all([1, 2, 3].map((seed) => pool?.run(job(seed), async () => 'continue')));
    await pool.run(job(4), async () => 'continue');
    expect(results.map((r) => r?.data)).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(2);
    expect(x[0]).toBe(42);
  });

  it('fails the trial, not the pool, when the shared data cannot be loaded', async () => {
    pool = new WorkerPool({
      size: 1,
      entry,
      shareData: async (j) => {
        if (j.seed === 1) throw new Error('no such file');
        return undefined;
      },
    });
    await expect(pool.run(job(1), async () => 'continue')).rejects.toThrow(
      'loading the data failed: no such file',
    );
    expect((await pool.run(job(2), async () => 'continue')).data).toBe('loaded');
  });

  it('rejects bad options', () => {
    expect(() => new WorkerPool({ size: 0 })).toThrow('WorkerPool: size: expected an integer >= 1, got 0');
    expect(() => new WorkerPool({ maxModelsPerWorker: 1.5 })).toThrow(
      'WorkerPool: maxModelsPerWorker: expected an integer >= 1, got 1.5',
    );
  });
});
