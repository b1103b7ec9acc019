import { describe, expect, it } from 'vitest';
import { curveFeatures, loggedRateFeatures, scheduleCodes, scheduleFeatures } from '../curve-features.js';

describe('curve-derived metrics', () => {
  it('use only the curve up to each epoch, skipping missing and huge values', () => {
    const f = curveFeatures([1, null, 3, 2, 5, 1e7], true);
    expect(f.running_mean).toEqual([1, 1, 2, 2, 2.75, 2.75]);
    expect(f.running_best).toEqual([1, 1, 3, 3, 5, 5]);
    // k = max(1, floor(n / 5)) of the n values so far: the last k against the k before.
    expect(f.recent_slope).toEqual([null, null, 2, -1, 3, 3]);
    expect(f.first_value).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('take the best as the smallest value of a loss', () => {
    expect(curveFeatures([3, 4, 2], false).running_best).toEqual([3, 3, 2]);
  });
});

describe('schedule metrics', () => {
  it('follow a linear warm-up, then step decay', () => {
    const config = {
      lr: 0.1,
      warmup_epochs: 2,
      warmup_lr: 0.01,
      sched: 'step',
      decay_rate: 0.5,
      decay_epochs: 2,
    };
    const { lr_log, lr_left } = scheduleFeatures(config, [1, 2, 3, 4, 5]);
    const rates = [0.01, 0.055, 0.05, 0.05, 0.025];
    expect(lr_log?.map((x) => 10 ** (x as number))).toEqual(rates.map((r) => expect.closeTo(r, 12)));
    const left = rates.map((_, i) => rates.slice(i + 1).reduce((s, r) => s + r, 0));
    expect(lr_left?.map((x) => 10 ** (x as number))).toEqual(
      left.map((r) => expect.closeTo(r / 0.1 + 1e-3, 12)),
    );
  });

  it('hold a plateau schedule at the base rate after warm-up', () => {
    const config = { lr: 0.01, warmup_epochs: 0, sched: 'plateau', decay_rate: 0.1, decay_epochs: 10 };
    expect(scheduleFeatures(config, [1, 30]).lr_log).toEqual([-2, -2]);
  });
});

describe('logged-rate metrics', () => {
  it('read the decay still to come off the logged rate, clipped to three decades', () => {
    const f = loggedRateFeatures([0.1, 0.1, 0.01, 0.001]);
    expect(f.lr_log).toEqual([-1, -1, -2, -3].map((x) => expect.closeTo(x, 12)));
    expect(f.lr_decay_left).toEqual([2, 2, 1, 0].map((x) => expect.closeTo(x, 12)));
    expect(loggedRateFeatures([1, 1e-6]).lr_decay_left).toEqual([3, 0]);
    expect(loggedRateFeatures([0.1, null]).lr_decay_left).toEqual([null, null]);
  });

  it('number a schedule label in two orders', () => {
    const labels = ['step:15:0.1', 'cosine', 'constant', 'step:10:0.1'];
    const codesOf = scheduleCodes(labels);
    expect(codesOf('cosine', 2)).toEqual({ schedule_code_a: [10, 10], schedule_code_b: [0, 0] });
    expect(codesOf('constant', 1)).toEqual({ schedule_code_a: [0], schedule_code_b: [10] });
  });
});
