import { describe, expect, it } from 'vitest';
import {
  checkedSchedule,
  learningRateAt,
  parseScheduleLabel,
  scheduleLabel,
} from '../../src/train/schedule.js';

describe('learningRateAt', () => {
  it('keeps a constant rate', () => {
    expect(learningRateAt({ type: 'constant' }, 0.1, 7.5, 10)).toBe(0.1);
  });

  it('follows half a cosine from the base rate to the minimum at maxEpochs', () => {
    const cosine = { type: 'cosine', minLearningRate: 0.01 } as const;
    expect(learningRateAt(cosine, 0.1, 0, 10)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(cosine, 0.1, 5, 10)).toBeCloseTo(0.055, 12);
    expect(learningRateAt(cosine, 0.1, 10, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(cosine, 0.1, 12, 10)).toBeCloseTo(0.01, 12);
    expect(learningRateAt({ type: 'cosine' }, 0.2, 2.5, 10)).toBeCloseTo(
      0.1 * (1 + Math.cos(Math.PI / 4)),
      12,
    );
  });

  it('multiplies by gamma every `every` epochs, fractional epochs included', () => {
    const step = { type: 'step', every: 2, gamma: 0.5 } as const;
    expect([0, 1.5, 2, 3.99, 4, 6].map((e) => learningRateAt(step, 0.8, e, 10))).toEqual([
      0.8, 0.8, 0.4, 0.4, 0.2, 0.1,
    ]);
  });
});

describe('schedule labels', () => {
  it('write every schedule as one string and read it back', () => {
    const schedules = [
      { type: 'constant' },
      { type: 'cosine' },
      { type: 'cosine', minLearningRate: 0.0001 },
      { type: 'step', every: 10, gamma: 0.1 },
    ] as const;
    expect(schedules.map(scheduleLabel)).toEqual(['constant', 'cosine', 'cosine:0.0001', 'step:10:0.1']);
    for (const s of schedules) expect(parseScheduleLabel(scheduleLabel(s))).toEqual(s);
  });

  it('refuse a malformed label, naming where and the forms expected', () => {
    const forms = "expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1')";
    expect(() => parseScheduleLabel('linear', 'training.schedule[2]')).toThrow(
      `training.schedule[2]: ${forms}, got 'linear' (unknown schedule 'linear')`,
    );
    expect(() => parseScheduleLabel('step:10')).toThrow(
      "got 'step:10' (a step schedule takes EVERY and GAMMA)",
    );
    expect(() => parseScheduleLabel('step:0:0.1')).toThrow('EVERY must be > 0 epochs');
    expect(() => parseScheduleLabel('step:5:-1')).toThrow('GAMMA must be > 0');
    expect(() => parseScheduleLabel('step:5:x')).toThrow("'x' is not a finite number");
    expect(() => parseScheduleLabel('cosine:')).toThrow('a number is empty');
    expect(() => parseScheduleLabel('linear:x')).toThrow("unknown schedule 'linear'");
    // Names an object inherits are not schedule types either.
    expect(() => parseScheduleLabel('toString:1:2')).toThrow("unknown schedule 'toString'");
    expect(() => parseScheduleLabel('__proto__')).toThrow("unknown schedule '__proto__'");
    expect(() => parseScheduleLabel('step:10:0.1:5')).toThrow('a step schedule takes EVERY and GAMMA');
    expect(() => parseScheduleLabel('cosine:-1')).toThrow('the minimum rate must be >= 0');
    expect(() => parseScheduleLabel('constant:1')).toThrow('a constant schedule takes no numbers');
  });

  it('read spaces around the parts and numbers in any JavaScript form', () => {
    expect(parseScheduleLabel(' step : 10 : 1e-1 ')).toEqual({ type: 'step', every: 10, gamma: 0.1 });
    expect(scheduleLabel(parseScheduleLabel('cosine:1e-4'))).toBe('cosine:0.0001');
  });

  it('check a schedule object the same way, and refuse one of no known type', () => {
    expect(checkedSchedule({ type: 'cosine' }, 'x')).toEqual({ type: 'cosine' });
    expect(() => checkedSchedule({ type: 'step', every: 0, gamma: 0.1 }, 'training.schedule[0]')).toThrow(
      "training.schedule[0]: expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1'), got 'step:0:0.1' (EVERY must be > 0 epochs)",
    );
    expect(() => checkedSchedule({ type: 'exp' } as never, 'training.schedule[1]')).toThrow(
      `training.schedule[1]: expected a schedule label or { type: 'constant' | 'cosine' | 'step', … }, got {"type":"exp"}`,
    );
  });
});
