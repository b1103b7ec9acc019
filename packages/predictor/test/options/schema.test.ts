import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePredictorOptions, predictorOptionsSchema, REFERENCE_PRESET } from '../../src/options/schema.js';

function problems(input: unknown): string {
  try {
    parsePredictorOptions(input);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('predictor options', () => {
  it('accepts the config file shape of the design (rule without kind = peng4nn)', () => {
    const options = parsePredictorOptions({
      model: 'peng4nn',
      rule: { N: 3, t: 0.5, cMin: 3 },
      metric: 'val_acc',
    });
    expect(options.rule).toEqual({ kind: 'peng4nn', N: 3, t: 0.5, cMin: 3 });
    expect(parsePredictorOptions(undefined)).toEqual({});
  });

  it('accepts ensembles, formula specs, CurveModel objects and nested rules', () => {
    const model = { name: 'mine', params: ['a'], fn: () => () => 1, initial: [1], lower: [0], upper: [2] };
    const options = parsePredictorOptions({
      model: ['pow3', { formula: 'a - b^(c - x)', params: [{ name: 'a', initial: 10 }] }, model],
      rule: {
        kind: 'any',
        rules: [
          { kind: 'top-fraction', fraction: 0.1 },
          { kind: 'confident', maxSpread: 1, minEpochs: 5 },
        ],
      },
      calibration: { warmup: 8 },
      fullTraining: { first: 10 },
    });
    expect(Array.isArray(options.model) && options.model[2]).toBe(model);
    expect(options.rule).toMatchObject({
      kind: 'any',
      rules: [{ kind: 'top-fraction' }, { kind: 'confident', minEpochs: 5 }],
    });
  });

  it('fills the reference preset under explicit options', () => {
    const options = parsePredictorOptions({ preset: 'reference', metric: 'acc' });
    expect(options).toMatchObject({ ...REFERENCE_PRESET, metric: 'acc' });
  });

  it('says where, what was expected and what was found', () => {
    expect(problems({ rule: { N: 1 } })).toBe('predictor.rule.N: expected an integer >= 2, got 1');
    expect(problems({ rule: { kind: 'top-fraction', delta: 2 } })).toBe(
      'predictor.rule.delta: expected a number in (0, 1), got 2',
    );
    expect(problems({ rule: { kind: 'bogus' } })).toContain(
      "predictor.rule.kind: expected one of 'peng4nn', 'confident'",
    );
    expect(problems({ rule: { kind: 'any', rules: [{ N: 0 }] } })).toBe(
      'predictor.rule.rules.0.N: expected an integer >= 2, got 0',
    );
    expect(problems({ E: 0 })).toBe("predictor.E: expected a number > 0 or 'auto', got 0");
    expect(problems({ modle: 'pow3' })).toBe("predictor: unknown option(s) 'modle'");
    expect(problems({ model: [] })).toBe('predictor.model: expected at least one model, got an empty list');
    expect(problems({ calibration: { warmup: 1 } })).toContain('predictor.calibration');
    expect(problems('peng4nn')).toBe('predictor: expected an options object, got "peng4nn"');
  });

  it('accepts the Optuna and Ray baselines and says what is wrong with their options', () => {
    expect(parsePredictorOptions({ rule: { kind: 'asha', minResource: 'auto', style: 'ray' } }).rule).toEqual(
      {
        kind: 'asha',
        minResource: 'auto',
        style: 'ray',
      },
    );
    expect(problems({ rule: { kind: 'asha', reductionFactor: 1 } })).toBe(
      'predictor.rule.reductionFactor: expected a number >= 2, got 1',
    );
    expect(problems({ rule: { kind: 'asha', minResource: -1 } })).toBe(
      "predictor.rule.minResource: expected a number > 0 or 'auto', got -1",
    );
    expect(problems({ rule: { kind: 'hyperband', brackets: 0 } })).toBe(
      'predictor.rule.brackets: expected an integer >= 1, got 0',
    );
    expect(problems({ rule: { kind: 'percentile' } })).toBe(
      'predictor.rule.percentile: expected a number in [0, 100], got nothing',
    );
    expect(problems({ rule: { kind: 'percentile', percentile: 25, interval: 0 } })).toBe(
      'predictor.rule.interval: expected a number > 0, got 0',
    );
    expect(problems({ rule: { kind: 'threshold' } })).toBe(
      'predictor.rule: expected lower, upper or both, got neither',
    );
    expect(problems({ rule: { kind: 'threshold', lower: 2, upper: 1 } })).toBe(
      'predictor.rule: expected lower <= upper, got lower 2 and upper 1',
    );
  });

  it('describes every rule kind and its options in the JSON Schema editors read', () => {
    const json = z.toJSONSchema(predictorOptionsSchema, { io: 'input', unrepresentable: 'any' }) as {
      properties: {
        rule: { properties: { kind: { enum: string[] } }; allOf: { then: { properties: object } }[] };
      };
    };
    const rule = json.properties.rule;
    expect(rule.properties.kind.enum).toEqual(
      expect.arrayContaining(['asha', 'hyperband', 'percentile', 'threshold']),
    );
    const asha = rule.allOf.find((b) => 'minEarlyStoppingRate' in b.then.properties);
    expect(Object.keys(asha?.then.properties ?? {})).toEqual(
      expect.arrayContaining([
        'kind',
        'minResource',
        'reductionFactor',
        'bootstrapCount',
        'style',
        'minEpochs',
      ]),
    );
  });

  it('throws a PenguinError with code CONFIG_ERROR and lists every problem', () => {
    const result = predictorOptionsSchema.safeParse({ rule: { N: 1, t: -1 } });
    expect(result.success).toBe(false);
    expect(() => parsePredictorOptions({ rule: { N: 1, t: -1 } })).toThrow(
      expect.objectContaining({ code: 'CONFIG_ERROR', message: expect.stringContaining('predictor.rule.t') }),
    );
  });
});
