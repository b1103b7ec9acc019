import { Engine } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { predictorPlugin } from '../../src/plugin/index.js';
import { readTestVectors } from '../helpers/curves.js';

const vectors = readTestVectors();

describe('reference mode reproduces the PENGUIN test vectors (real fits, through the engine)', () => {
  it.each(vectors.models.map((m) => [m.model, m] as const))('%s', async (_, model) => {
    const plugin = predictorPlugin({ preset: 'reference' });
    const engine = new Engine({
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      maxEpochs: vectors.params.e_max,
      plugins: [plugin],
    });
    const { id } = await engine.startTrial({});
    let stoppedAt: number | undefined;
    for (const [i, epoch] of model.epochs.entries()) {
      const result = await engine.observe(id, { epoch, val_acc: model.val_acc[i] as number });
      if (result.stop) {
        stoppedAt = epoch;
        break;
      }
    }
    const fitness = await engine.finish(id);
    expect(stoppedAt).toBe(model.expected.stabilized_at_epoch);
    expect(fitness.val_acc?.source).toBe('predicted');
    expect(Math.abs((fitness.val_acc?.value as number) - model.expected.predicted_acc_at_e20)).toBeLessThan(
      0.01,
    );
  });
});
