import { describe, expect, it } from 'vitest';
import { mlpSpace, trainingOverrides } from '../../src/spaces/index.js';

describe('mlpSpace', () => {
  it('activates the decisions of layer i only when layers >= i', () => {
    const space = mlpSpace({ layers: { min: 1, max: 2 } });
    expect(space.decisions.map((d) => [d.name, d.when?.in ?? null])).toEqual([
      ['layers', null],
      ['layer1.units', null],
      ['layer1.activation', null],
      ['layer1.dropout', null],
      ['layer2.units', [2]],
      ['layer2.activation', [2]],
      ['layer2.dropout', [2]],
    ]);
  });

  it('adds training decisions that override the trainer options', () => {
    const space = mlpSpace({
      training: {
        optimizer: ['sgd', 'adam'],
        learningRate: { low: 1e-4, high: 1e-1 },
        batchSize: [32, 64],
        weightDecay: [0, 5e-4],
        schedule: ['constant', { type: 'step', every: 10, gamma: 0.1 }, 'cosine:0.00001'],
      },
    });
    expect(space.decisions.slice(-5)).toEqual([
      { kind: 'categorical', name: 'optimizer', choices: ['sgd', 'adam'] },
      { kind: 'float', name: 'learningRate', low: 1e-4, high: 1e-1, log: true },
      { kind: 'categorical', name: 'batchSize', choices: [32, 64] },
      { kind: 'categorical', name: 'weightDecay', choices: [0, 5e-4] },
      { kind: 'categorical', name: 'schedule', choices: ['constant', 'step:10:0.1', 'cosine:0.00001'] },
    ]);
    expect(trainingOverrides({ optimizer: 'sgd', schedule: 'step:10:0.1' })).toEqual({
      optimizer: 'sgd',
      schedule: { type: 'step', every: 10, gamma: 0.1 },
    });
    expect(() => trainingOverrides({ schedule: 'step:ten:0.1' })).toThrow(
      "genome.schedule: expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA'",
    );
  });

  it('refuses a malformed schedule when the space is made, naming its place', () => {
    expect(() => mlpSpace({ training: { schedule: ['cosine', 'exp:0.9'] } })).toThrow(
      "training.schedule[1]: expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1'), got 'exp:0.9' (unknown schedule 'exp')",
    );
    expect(() => mlpSpace({ training: { schedule: [] } })).toThrow(
      'training.schedule: expected at least one schedule',
    );
    expect(() => mlpSpace({ training: { schedule: [{ type: 'step', every: 0, gamma: 0.1 }] } })).toThrow(
      "training.schedule[0]: expected 'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1'), got 'step:0:0.1' (EVERY must be > 0 epochs)",
    );
    expect(() => mlpSpace({ training: { schedule: ['cosine:1e-4', 'constant', 'cosine:0.0001'] } })).toThrow(
      "training.schedule[2]: 'cosine:0.0001' is the same schedule as training.schedule[0]; list each once (a repeated one is sampled twice as often)",
    );
    expect(() =>
      mlpSpace({
        training: { learningRate: { low: 1e-3, high: 0.1 }, schedule: ['constant', 'cosine:0.01'] },
      }),
    ).toThrow(
      'training.schedule[1]: the cosine minimum 0.01 is an absolute rate and must lie below training.learningRate.low (0.001), or the rate would rise',
    );
  });

  it('computes exact static objectives: flatten, dense layers, dropout has no weights', () => {
    const space = mlpSpace({ inputShape: [28, 28, 1] });
    const genome = {
      layers: 2,
      'layer1.units': 128,
      'layer1.activation': 'relu',
      'layer1.dropout': 0.5,
      'layer2.units': 64,
      'layer2.activation': 'tanh',
      'layer2.dropout': 0,
    };
    expect(space.staticObjectives(genome)).toEqual({
      params: 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10,
      flops: 784 * 128 + 128 * 64 + 64 * 10,
    });
    expect(space.architecture(genome).nodes.map((n) => n.layer.kind)).toEqual([
      'input',
      'flatten',
      'dense',
      'dropout',
      'dense',
      'dense',
    ]);
  });

  it('rejects bad options with the key', () => {
    expect(() => mlpSpace({ inputShape: [0, 2] })).toThrow(
      'space mlp: inputShape: expected positive integers [height, width, channels], got [0,2]',
    );
    expect(() => mlpSpace({ units: [] })).toThrow('space mlp: units: expected a non-empty list, got []');
  });
});
