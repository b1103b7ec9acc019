import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TrainerError } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { mlpSpace } from '../../src/spaces/index.js';
import { tfjsTrainer } from '../../src/train/trainer.js';
import { quadrantData } from '../helpers/synthetic.js';

/** The native backend is an optional dependency; where it is installed it starts, so there is nothing to reject. */
const nativeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();
const data = quadrantData(32, 16);
const space = mlpSpace({ inputShape: [8, 8, 1], numClasses: 4 });

describe('tfjsTrainer.prepare', () => {
  it('resolves when the data, the backend and the space fit', async () => {
    await expect(tfjsTrainer({ space, data, backend: 'cpu' }).prepare?.()).resolves.toBeUndefined();
  });

  it('rejects a missing dataset once, with the loader message', async () => {
    const missing = join('/nonexistent', 'fashion-mnist');
    const trainer = tfjsTrainer({
      space: mlpSpace({ inputShape: [28, 28, 1], numClasses: 10 }),
      dataset: { name: 'fashion-mnist', path: missing },
      backend: 'cpu',
    });
    const error = await trainer.prepare?.().catch((e) => e);
    expect(error).toBeInstanceOf(TrainerError);
    expect(error.message).toMatch(
      new RegExp(
        `^\\[trainer tfjs\\] prepare: dataset.path: expected a directory holding the Fashion-MNIST files .*${missing}`,
      ),
    );
  });

  it('rejects a space built for another input shape or number of classes', async () => {
    const tenClasses = tfjsTrainer({
      space: mlpSpace({ inputShape: [8, 8, 1], numClasses: 10 }),
      data,
      backend: 'cpu',
    });
    await expect(tenClasses.prepare?.()).rejects.toThrow(
      "[trainer tfjs] prepare: space mlp: expected numClasses 4 (the dataset's), got 10",
    );
    const wide = tfjsTrainer({
      space: mlpSpace({ inputShape: [8, 4, 1], numClasses: 4 }),
      data,
      backend: 'cpu',
    });
    await expect(wide.prepare?.()).rejects.toThrow(
      "[trainer tfjs] prepare: space mlp: expected inputShape [8,8,1] (the dataset's), got [8,4,1]",
    );
  });

  it.skipIf(nativeInstalled)('rejects a backend that cannot start', async () => {
    const native = tfjsTrainer({ space, data, backend: 'tensorflow' });
    await expect(native.prepare?.()).rejects.toThrow(/^\[trainer tfjs\] prepare: .*tfjs-node/);
  });
});
