import { createRng } from '@penguin-nas/core';
import { describeSearcher } from '@penguin-nas/core/testing';
import { describe, expect, it } from 'vitest';
import { hillClimber } from '../src/hill-climber.js';
import { toySpace } from '../src/toy-problem.js';

describeSearcher('hill-climber', hillClimber({ patience: 4 }));

describe('hillClimber', () => {
  it('climbs: proposals after the first improvement are neighbours of the best genome', async () => {
    const objectives = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;
    const s = hillClimber({ patience: 100 })({ space: toySpace, rng: createRng(1), objectives });
    const [start] = await s.ask(1);
    await s.tell(
      {
        id: 't0',
        index: 0,
        genome: start as never,
        status: 'completed',
        maxEpochs: 1,
        curve: [],
        predictions: [],
        staticObjectives: {},
        cost: { epochs: 1, seconds: 0 },
        seed: 0,
      },
      { val_acc: { value: 50, direction: 'maximize', source: 'predicted' } },
    );
    for (const g of await s.ask(5)) {
      const changed = Object.keys(g).filter((k) => g[k] !== (start as Record<string, unknown>)[k]);
      expect(changed).toHaveLength(1);
    }
  });

  it('rejects a bad patience with the option name', () => {
    expect(() => hillClimber({ patience: 0 })).toThrow(
      'hill-climber.patience: expected an integer >= 1, got 0',
    );
  });
});
