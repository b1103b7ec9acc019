import { describe, expect, it } from 'vitest';
import { cleanCurve, pointsAsScores, smoothedLast, truncateAt } from '../../src/curve/points.js';
import { xAxisFor } from '../../src/extrapolate/x-axis.js';

describe('cleanCurve', () => {
  it('drops non-finite values, sorts, and keeps the last value of a repeated epoch', () => {
    const logs = [
      { epoch: 2, acc: 20 },
      { epoch: 1, acc: 10 },
      { epoch: 3, acc: null },
      { epoch: 4, acc: Number.NaN },
      { epoch: Number.POSITIVE_INFINITY, acc: 1 },
      { epoch: 2, acc: 22 },
      { epoch: 5 },
    ];
    const { points, cleaning } = cleanCurve(logs as never, 'acc');
    expect(points).toEqual([
      { epoch: 1, value: 10 },
      { epoch: 2, value: 22 },
    ]);
    expect(cleaning).toEqual({ nonFinite: 4, repeated: 1, reordered: true });
  });

  it('turns values into scores and back for minimised metrics', () => {
    expect(pointsAsScores([{ epoch: 1, value: 0.5 }], 'minimize')).toEqual([{ epoch: 1, value: -0.5 }]);
    expect(
      smoothedLast(
        [
          { epoch: 1, value: 1 },
          { epoch: 2, value: 3 },
        ],
        5,
      ),
    ).toBe(2);
    expect(smoothedLast([], 3)).toBeUndefined();
    expect(
      truncateAt(
        [
          { epoch: 1, value: 1 },
          { epoch: 2, value: 3 },
        ],
        1.5,
      ),
    ).toHaveLength(1);
  });
});

describe('xAxisFor', () => {
  it('uses the validation period, and shifts curves starting at epoch 0 to x = 1', () => {
    const half = xAxisFor(
      [
        { epoch: 0.5, value: 1 },
        { epoch: 1, value: 2 },
      ],
      'auto',
    );
    expect([half.toX(0.5), half.toX(20)]).toEqual([1, 40]);
    const fromZero = xAxisFor(
      [
        { epoch: 0, value: 1 },
        { epoch: 1, value: 2 },
      ],
      'auto',
    );
    expect([fromZero.toX(0), fromZero.toX(50)]).toEqual([1, 51]);
    expect(xAxisFor([{ epoch: 3, value: 1 }], 2).toX(4)).toBe(2);
    expect(xAxisFor([], 'auto').toX(7)).toBe(7);
  });
});
