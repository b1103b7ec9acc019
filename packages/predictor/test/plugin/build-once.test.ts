import { Engine, type ObjectiveSpec } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { buildPredictorPlugin, type ExtrapolatorFactory } from '../../src/plugin/predictor-plugin.js';
import { persistenceFactory } from '../helpers/persistence.js';

/** The persistence extrapolator, with the plausible range of every call it was made for. */
function countingFactory() {
  const ranges: (readonly [number, number])[] = [];
  const factory: ExtrapolatorFactory = (_model, _fit, range) => {
    ranges.push(range);
    return persistenceFactory();
  };
  return { factory, ranges };
}

const accuracy: ObjectiveSpec[] = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }];
// A name the guess reads as maximised, declared minimised: the run's objective changes the plausible range.
const score: ObjectiveSpec[] = [{ name: 'score', direction: 'minimize', from: 'curve' }];

describe('the plugin builds its predictor once', () => {
  it('apply() uses the extrapolator built to validate the options when the run leaves the range as it is', () => {
    const { factory, ranges } = countingFactory();
    const plugin = buildPredictorPlugin({}, factory);
    expect(ranges).toEqual([[0, 100]]);
    new Engine({ objectives: accuracy, maxEpochs: 5, plugins: [plugin] });
    expect(ranges).toEqual([[0, 100]]);
    expect(plugin.predictor?.metric.range).toEqual([0, 100]);
  });

  it("builds them again for a range the run's objectives decide", () => {
    const { factory, ranges } = countingFactory();
    const plugin = buildPredictorPlugin({ metric: 'score' }, factory);
    new Engine({ objectives: score, maxEpochs: 5, plugins: [plugin] });
    expect(ranges).toEqual([
      [0, 100],
      [0, Number.POSITIVE_INFINITY],
    ]);
    expect(plugin.predictor?.metric).toMatchObject({
      direction: 'minimize',
      range: [0, Number.POSITIVE_INFINITY],
    });
  });

  it('a state restored before apply() is what the predictor starts from, with no second restore', () => {
    const plugin = buildPredictorPlugin({ rule: { kind: 'median' } }, persistenceFactory);
    const state = {
      version: 1,
      finished: [{ id: 'a', final: 80, complete: true, points: [{ epoch: 1, value: 80 }] }],
    };
    plugin.restore(state);
    expect(plugin.predictor).toBeUndefined();
    expect(plugin.state()).toEqual(state);
    new Engine({ objectives: accuracy, maxEpochs: 5, plugins: [plugin] });
    expect(plugin.predictor?.finishedTrials).toEqual(state.finished);
    expect(plugin.state()).toEqual(state);
  });
});
