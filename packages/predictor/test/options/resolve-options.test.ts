import type { EpochLogs, ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE } from '../../src/options/defaults.js';
import { completePredictorOptions, resolvePredictorOptions } from '../../src/options/resolve-options.js';
import type { PredictorOptions } from '../../src/options/schema.js';
import type { predictorPlugin } from '../../src/plugin/index.js';
import { buildPredictorPlugin } from '../../src/plugin/predictor-plugin.js';
import { predictorPlugins } from '../../src/replay/predictor-plugins.js';
import { hookDriver } from '../helpers/drive.js';
import { persistenceFactory } from '../helpers/persistence.js';

const objectives: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];

/** A rising, saturating curve towards `level`, 30 epochs. */
function curve(level: number): EpochLogs[] {
  return Array.from({ length: 30 }, (_, i) => ({
    epoch: i + 1,
    val_acc: level * (1 - 0.9 * 0.8 ** (i + 1)),
  }));
}

/** Collects the DeprecationWarnings `run` emits. */
async function deprecations(run: () => void): Promise<string[]> {
  const warnings: string[] = [];
  const listen = (w: Error) => {
    if (w.name === 'DeprecationWarning') warnings.push(w.message);
  };
  process.on('warning', listen);
  try {
    run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  return warnings;
}

describe('resolvePredictorOptions', () => {
  it('gives every option for empty options: the recommended configuration', () => {
    const options = resolvePredictorOptions({});
    expect(options).toEqual({
      metric: null,
      direction: null,
      model: 'peng4nn',
      target: null,
      E: 'auto',
      range: null,
      rule: DEFAULT_RULE,
      fit: {
        maxIterations: 200,
        starts: 'all',
        seed: 0,
        weighting: 'bic',
        warm: true,
        refitEvery: 20,
        refitGrowth: 0.1,
        dataScale: 'auto',
      },
      calibration: {
        minSamples: 5,
        ridge: 0.01,
        maxSamples: 500,
        method: 'local',
        neighbours: 10,
        smoothing: 3,
        refresh: 0.02,
        learnFrom: 'all',
        fromStopped: true,
        trainingMetric: 'auto',
        trainingMetricCheck: 3,
      },
      divergence: { points: 3 },
      fullTraining: { first: 0, every: 0 },
    });
    expect(resolvePredictorOptions()).toEqual(options);
  });

  it('is frozen, and resolving it again returns it unchanged', () => {
    const options = resolvePredictorOptions({ fit: { starts: 2 } });
    expect(Object.isFrozen(options)).toBe(true);
    expect(Object.isFrozen(options.fit)).toBe(true);
    expect(Object.isFrozen(options.rule)).toBe(true);
    expect(resolvePredictorOptions(options)).toBe(options);
  });

  it('fills what the reference preset and partial sections leave out', () => {
    const reference = resolvePredictorOptions({ preset: 'reference' });
    expect(reference.fit).toEqual({
      ...resolvePredictorOptions({}).fit,
      starts: 1,
      dataScale: 100,
      warm: false,
    });
    expect(reference.calibration).toBe(false);
    expect(reference.fullTraining).toEqual({ first: 0, every: 0 });
    const topFraction = resolvePredictorOptions({
      rule: { kind: 'top-fraction' },
      calibration: { minSamples: 4, method: 'linear' },
      divergence: {},
      fullTraining: { every: 5 },
    });
    expect(topFraction.calibration).toMatchObject({
      minSamples: 4,
      method: 'linear',
      ridge: 0.01,
      smoothing: 3,
    });
    expect(topFraction.divergence).toEqual({ points: 3 });
    expect(topFraction.fullTraining).toEqual({ first: 0, every: 5 });
    // A rule that needs the calibration's uncertainty gets it, and its warm-up trials are trained fully.
    expect(
      resolvePredictorOptions({ rule: { kind: 'confident' }, calibration: { minSamples: 6 } }).fullTraining,
    ).toEqual({ first: 6, every: 0 });
    expect(resolvePredictorOptions({ rule: { kind: 'peng4nn' } }).calibration).toBe(false);
  });

  it('names the path of a bad option under the given label', () => {
    expect(() => resolvePredictorOptions({ fit: { refitEvery: 0 } }, 'predictor "mine"')).toThrow(
      'predictor "mine".fit.refitEvery: expected an integer >= 1, got 0',
    );
  });

  it("aim: writes fraction and δ into the default rule's top-fraction rule and leaves the rest of it alone", () => {
    const aimed = resolvePredictorOptions({ aim: { fraction: 0.02 } });
    const expected = JSON.parse(JSON.stringify(DEFAULT_RULE).replace('"fraction":0.1', '"fraction":0.02'));
    expect(aimed.rule).toEqual(expected);
    expect(aimed).not.toHaveProperty('aim');
    // Everything the rule decides from is as for the default: the calibration, full training, the rest.
    const { rule: _a, ...rest } = aimed;
    const { rule: _b, ...defaults } = resolvePredictorOptions({});
    expect(rest).toEqual(defaults);
    const both = resolvePredictorOptions({ aim: { fraction: 0, delta: 0.2 } }).rule;
    expect(JSON.stringify(both)).toContain('{"kind":"top-fraction","fraction":0,"delta":0.2,"minTrials":5}');
  });

  it("aim: reaches every top-fraction rule of a rule of one's own, and is refused where there is none", () => {
    const rule = {
      kind: 'any' as const,
      rules: [{ kind: 'median' as const }, { kind: 'top-fraction' as const, fraction: 0.3, delta: 0.1 }],
    };
    expect(resolvePredictorOptions({ rule, aim: { delta: 0.01 } }).rule).toEqual({
      kind: 'any',
      rules: [{ kind: 'median' }, { kind: 'top-fraction', fraction: 0.3, delta: 0.01 }],
    });
    expect(() => resolvePredictorOptions({ rule: { kind: 'asha' }, aim: { fraction: 0.05 } })).toThrow(
      "predictor.aim: expected a rule holding a top-fraction rule to aim, got rule kind 'asha' (set its options in the rule instead)",
    );
    expect(() => resolvePredictorOptions({ preset: 'reference', aim: { delta: 0.05 } })).toThrow(
      "predictor.aim: expected a rule holding a top-fraction rule to aim, got the 'reference' preset's rule, kind 'peng4nn'",
    );
    // A rule written without its kind is a peng4nn rule; an `any` without a top-fraction rule has nothing to aim.
    expect(() => resolvePredictorOptions({ rule: { N: 3 }, aim: { delta: 0.05 } })).toThrow(
      "got rule kind 'peng4nn'",
    );
    expect(() =>
      resolvePredictorOptions({
        rule: { kind: 'any', rules: [{ kind: 'median' }, { kind: 'asha' }] },
        aim: { fraction: 0 },
      }),
    ).toThrow("got rule kind 'any'");
    // Options that skipped the schema (a caller's own object) are refused too, not silently left unaimed.
    expect(() =>
      completePredictorOptions({ rule: { kind: 'median' }, aim: { fraction: 0.05 } } as PredictorOptions),
    ).toThrow("predictor.aim: expected a rule holding a top-fraction rule to aim, got rule kind 'median'");
  });

  it.each([
    [{}, 'predictor.aim: expected fraction, delta or both, got neither'],
    [{ fraction: 1 }, 'predictor.aim.fraction: expected a number in [0, 1), got 1'],
    [{ delta: 0 }, 'predictor.aim.delta: expected a number in (0, 1), got 0'],
    [{ fraction: 0.1, top: 2 }, "predictor.aim: unknown option(s) 'top'"],
  ])('aim: refuses %j, saying what it expects', (aim, message) => {
    expect(() => resolvePredictorOptions({ aim } as Parameters<typeof resolvePredictorOptions>[0])).toThrow(
      message,
    );
  });

  it('accepts the old names once more with a DeprecationWarning naming old and new', async () => {
    let options = resolvePredictorOptions({});
    const warnings = await deprecations(() => {
      options = resolvePredictorOptions({
        rule: {
          kind: 'any',
          rules: [
            { kind: 'confident', cMin: 4 },
            { kind: 'median', minEpoch: 5 },
            { kind: 'top-fraction', fitFrom: 2, minPoints: 6 },
            { kind: 'peng4nn', firstFitPoints: 2 },
          ],
        },
        calibration: { warmup: 7 },
      });
    });
    expect(options.rule).toEqual({
      kind: 'any',
      rules: [
        { kind: 'confident', minPoints: 4 },
        { kind: 'median', minEpochs: 5 },
        { kind: 'top-fraction', minPoints: 6 },
        { kind: 'peng4nn', minPoints: 2 },
      ],
    });
    expect(options.calibration).toMatchObject({ minSamples: 7 });
    expect(options.calibration).not.toHaveProperty('warmup');
    expect(options.fullTraining).toEqual({ first: 0, every: 0 });
    const points = 'use minPoints, the points needed before the first fit';
    expect(warnings).toContain(
      `predictor.rule.cMin (confident) is deprecated and will be removed; ${points}`,
    );
    expect(warnings).toContain(
      `predictor.rule.fitFrom (top-fraction) is deprecated and will be removed; ${points}`,
    );
    expect(warnings).toContain(
      `predictor.rule.firstFitPoints (peng4nn) is deprecated and will be removed; ${points}`,
    );
    expect(warnings).toContain(
      'predictor.calibration.warmup is deprecated and will be removed; use minSamples, the fully trained trials needed before the calibration is used',
    );
    expect(warnings).toContain(
      'predictor.rule.minEpoch (median) is deprecated and will be removed; use minEpochs, which every rule takes',
    );
    // The paper's names stay the peng4nn rule's own.
    const paper = await deprecations(() => resolvePredictorOptions({ rule: { cMin: 3, minPoints: 2 } }));
    expect(paper).toEqual([]);
  });

  it('aim: applies to a rule written with an old option name, after the rename', () => {
    // (The rename's DeprecationWarning is emitted once per process: the test above has seen it.)
    const { rule } = resolvePredictorOptions({
      rule: { kind: 'top-fraction', fitFrom: 4 },
      aim: { fraction: 0.02 },
    });
    expect(rule).toEqual({ kind: 'top-fraction', minPoints: 4, fraction: 0.02 });
  });
});

describe('every consumer uses the resolved options', () => {
  it('a plugin built from {} and one built from the resolved object behave the same', async () => {
    const resolved = resolvePredictorOptions({});
    const fromEmpty = buildPredictorPlugin({}, persistenceFactory);
    const fromResolved = buildPredictorPlugin(resolved, persistenceFactory);
    expect(fromResolved.options).toBe(resolved);
    expect(fromEmpty.options).toEqual(resolved);
    const a = hookDriver(fromEmpty, objectives, 30);
    const b = hookDriver(fromResolved, objectives, 30);
    const levels = [60, 62, 64, 20, 66, 68, 70, 72, 74, 76, 78, 80, 40, 69, 82];
    for (const level of levels) {
      const [left, right] = [await a(curve(level)), await b(curve(level))];
      expect(right.decision).toEqual(left.decision);
      expect(right.fitness).toEqual(left.fitness);
      expect(right.predictions).toEqual(left.predictions);
    }
    expect(fromResolved.state()).toEqual(fromEmpty.state());
    expect(fromEmpty.predictor?.options).toBe(fromEmpty.options);
  });

  it('the replay resolves each configuration once, before any curve, and builds its plugins from it', () => {
    const options = { rule: { kind: 'median' } };
    const create = predictorPlugins([{ name: 'median', options }]);
    const metric = { metric: 'val_acc', direction: 'maximize' } as const;
    const first = create(options, metric) as ReturnType<typeof predictorPlugin>;
    const second = create(options, metric) as ReturnType<typeof predictorPlugin>;
    expect(first).not.toBe(second);
    expect(second.options).toBe(first.options);
    expect(first.options.rule).toEqual({ kind: 'median' });
    expect(() =>
      predictorPlugins([{ name: 'bad', options: { rule: { kind: 'median', minTrials: 0 } } }]),
    ).toThrow('predictor "bad".rule.minTrials: expected an integer >= 1, got 0');
    expect(() =>
      predictorPlugins([{ name: 'bad', options: { rule: { kind: 'median', margin: -2 } } }]),
    ).toThrow('predictor "bad".rule.margin: expected a number >= 0, got -2');
  });
});
