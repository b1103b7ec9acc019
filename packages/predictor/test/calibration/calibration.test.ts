import { describe, expect, it } from 'vitest';
import { ExtrapolationCalibration } from '../../src/calibration/calibration.js';
import { ridgeFit, solveSmall } from '../../src/calibration/regression.js';

describe('small linear algebra', () => {
  it('solves a small system and refuses a singular one', () => {
    expect(
      solveSmall(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      )?.map((v) => Number(v.toFixed(10))),
    ).toEqual([0.8, 1.4]);
    expect(
      solveSmall(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toBeUndefined();
  });

  it('recovers an exact linear relation with (almost) no ridge', () => {
    const fit = ridgeFit([[1, 2, 3, 4]], [3, 5, 7, 9], 0);
    expect(fit?.weights[0]).toBeCloseTo(1, 6);
    expect(fit?.weights[1]).toBeCloseTo(2, 6);
    expect(fit?.residualSd).toBeCloseTo(0, 6);
  });
});

describe('extrapolation calibration', () => {
  // Trials whose final value is their value at epoch 10 plus a late rise of 10 points.
  const sample = (id: string, level: number) => ({
    id,
    final: level + 10,
    epochs: [5, 10, 20],
    last: [level - 5, level, level + 10],
    raw: [level - 2, level + 1, level + 10] as (number | null)[],
  });

  it('is silent during the warm-up, then learns the late rise from finished trials', () => {
    const calibration = new ExtrapolationCalibration({ warmup: 4, ridge: 0, method: 'linear' });
    for (let i = 0; i < 3; i++) calibration.learn(sample(`t${i}`, 40 + 5 * i));
    expect(calibration.predict(10, 50, 51)).toBeUndefined();
    calibration.learn(sample('t3', 58));
    const predicted = calibration.predict(10, 50, 51);
    expect(predicted?.value).toBeCloseTo(60, 6);
    expect(predicted?.n).toBe(4);
  });

  it('local: trials stuck at chance and trials that learn each get their own relation and spread', () => {
    const calibration = new ExtrapolationCalibration({ warmup: 10, neighbours: 5 });
    // At epoch 10, stuck trials sit at 50 and end at 50; learners sit at 60-70 and end 25 points higher.
    for (let i = 0; i < 10; i++) {
      const stuck = 50 + (i % 2 ? 0.1 : -0.1);
      calibration.learn({ id: `s${i}`, final: stuck, epochs: [10], last: [stuck], raw: [null] });
      const level = 60 + i;
      calibration.learn({ id: `l${i}`, final: level + 25, epochs: [10], last: [level], raw: [null] });
    }
    const stuck = calibration.predict(10, 50, null);
    const learner = calibration.predict(10, 64.5, null);
    expect(stuck?.value).toBeCloseTo(50, 0);
    expect(learner?.value).toBeCloseTo(89.5, 0);
    expect(stuck?.spread).toBeLessThan(1);
  });

  it('ignores finished trials with no point near the epoch, and non-finite finals', () => {
    const calibration = new ExtrapolationCalibration({ warmup: 2 });
    calibration.learn(sample('a', 40));
    calibration.learn({ ...sample('b', 45), final: Number.NaN });
    calibration.learn(sample('c', 50));
    expect(calibration.size).toBe(2);
    expect(calibration.predict(3, 40, null)).toBeUndefined();
  });

  it('round-trips its state', () => {
    const calibration = new ExtrapolationCalibration({ warmup: 2 });
    calibration.learn(sample('a', 40));
    calibration.learn(sample('b', 50));
    const copy = new ExtrapolationCalibration({ warmup: 2 });
    copy.restore(JSON.parse(JSON.stringify(calibration.state())));
    expect(copy.predict(10, 45, null)).toEqual(calibration.predict(10, 45, null));
  });

  it('rejects a warm-up below 2', () => {
    expect(() => new ExtrapolationCalibration({ warmup: 1 })).toThrow(
      'calibration.warmup: expected an integer >= 2, got 1',
    );
  });
});
