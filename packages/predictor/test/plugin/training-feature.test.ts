import { describe, expect, it } from 'vitest';
import {
  latestTrainingFeature,
  resolveTrainingMetric,
  trainingFeatures,
} from '../../src/plugin/training-feature.js';

const logs = [
  { epoch: 0.5, train_acc: 40 },
  { epoch: 1, train_acc: 50, val_acc: 45 },
  { epoch: 1.5, train_acc: null },
  { epoch: 2, train_acc: 62, val_acc: 55 },
  { epoch: 3, train_acc: 70, val_acc: 60 },
];

describe('training-metric feature', () => {
  it('is the mean of the last `smoothing` finite values logged at or before each epoch, null before the first', () => {
    expect(trainingFeatures(logs, 'train_acc', [0.25, 1, 2, 3], 2)).toEqual([null, 45, 56, 66]);
    expect(trainingFeatures(logs, 'train_acc', [2, 3], 1)).toEqual([62, 70]);
    expect(trainingFeatures(logs, 'loss', [1, 2], 3)).toEqual([null, null]);
  });

  it('averages the window afresh at each point: no running sum to lose digits to a huge value or overflow', () => {
    const loss = [1e20, 0.5, 0.4, 0.3, 0.2].map((v, i) => ({ epoch: i + 1, loss: v }));
    const series = trainingFeatures(loss, 'loss', [4, 5], 3);
    expect(series[0]).toBeCloseTo(0.4, 12);
    expect(series[1]).toBeCloseTo(0.3, 12);
    const huge = [1.5e308, 1.5e308].map((v, i) => ({ epoch: i + 1, loss: v }));
    expect(trainingFeatures(huge, 'loss', [2], 3)[0]).toBe(1.5e308);
    expect(latestTrainingFeature(huge, 'loss', 2, 3)).toBe(1.5e308);
  });

  it('agrees with the latest-point feature on logs out of epoch order too', () => {
    const shuffled = [
      { epoch: 1, acc: 0.1 },
      { epoch: 3, acc: 0.3 },
      { epoch: 2, acc: 0.2 },
    ];
    const epochs = [1, 2, 3];
    expect(trainingFeatures(shuffled, 'acc', epochs, 2)).toEqual(
      epochs.map((e) => latestTrainingFeature(shuffled, 'acc', e, 2)),
    );
    expect(trainingFeatures(shuffled, 'acc', [2], 2)[0]).toBeCloseTo(0.15, 12);
  });

  it('at the latest point agrees with the whole series', () => {
    for (const epoch of [1, 2, 3])
      expect(latestTrainingFeature(logs, 'train_acc', epoch, 2)).toBe(
        trainingFeatures(logs, 'train_acc', [epoch], 2)[0],
      );
    expect(latestTrainingFeature(logs, 'train_acc', 0.1, 2)).toBeNull();
  });

  it('auto finds train_<base>, training_<base> or <base> beside val_<base>, valid_<base>, validation_<base>', () => {
    expect(resolveTrainingMetric('auto', 'val_acc', logs)).toBe('train_acc');
    expect(resolveTrainingMetric('auto', 'valid_loss', [{ epoch: 1, training_loss: 0.5, loss: 0.4 }])).toBe(
      'training_loss',
    );
    expect(resolveTrainingMetric('auto', 'validation_loss', [{ epoch: 1, loss: 0.4 }])).toBe('loss');
    // No such prefix, or no such metric logged (null only counts as not logged): none.
    expect(resolveTrainingMetric('auto', 'accuracy', [{ epoch: 1, train_accuracy: 1 }])).toBeUndefined();
    expect(resolveTrainingMetric('auto', 'val_acc', [{ epoch: 1, train_acc: null }])).toBeUndefined();
    // A name is taken as it is.
    expect(resolveTrainingMetric('acc', 'val_acc', [])).toBe('acc');
  });
});
