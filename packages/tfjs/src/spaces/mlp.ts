import type { Decision, Genome } from '@penguin-nas/core';
import { type Activation, ArchBuilder, type Architecture, type Shape } from '../arch/types.js';
import { assertChoices, assertRange, whenDepthAtLeast, withCondition } from './conditions.js';
import { assertShapeOptions, defineNetworkSpace, type NetworkSpace } from './network-space.js';
import { type TrainingDecisionOptions, trainingDecisions } from './training.js';

export interface MlpSpaceOptions {
  /** Default [28, 28, 1] (flattened before the first layer). */
  readonly inputShape?: Shape;
  /** Default 10. */
  readonly numClasses?: number;
  /** Hidden layers, default 1..3. */
  readonly layers?: { readonly min: number; readonly max: number };
  /** Default [32, 64, 128, 256]. */
  readonly units?: readonly number[];
  /** Default ['relu', 'tanh', 'elu']. */
  readonly activations?: readonly Activation[];
  /** Dropout after each hidden layer, default [0, 0.2, 0.5]. */
  readonly dropout?: readonly number[];
  /** Training hyper-parameters to search too (none by default). */
  readonly training?: TrainingDecisionOptions;
}

/**
 * Multi-layer perceptrons: `layers` hidden dense layers, each with `layer<i>.units`, `layer<i>.activation`
 * and `layer<i>.dropout` (active only when `layers >= i`), then a dense layer of class scores.
 */
export function mlpSpace(options: MlpSpaceOptions = {}): NetworkSpace {
  const name = 'mlp';
  const inputShape = options.inputShape ?? [28, 28, 1];
  const numClasses = options.numClasses ?? 10;
  const layers = options.layers ?? { min: 1, max: 3 };
  const units = options.units ?? [32, 64, 128, 256];
  const activations = options.activations ?? ['relu', 'tanh', 'elu'];
  const dropout = options.dropout ?? [0, 0.2, 0.5];
  assertShapeOptions(name, inputShape, numClasses);
  assertRange(name, 'layers', layers, 0);
  assertChoices(name, 'units', units);
  assertChoices(name, 'activations', activations);
  assertChoices(name, 'dropout', dropout);

  const decisions: Decision[] = [{ kind: 'int', name: 'layers', low: layers.min, high: layers.max }];
  for (let i = 1; i <= layers.max; i++) {
    const when = withCondition(whenDepthAtLeast('layers', i, layers.min, layers.max));
    decisions.push(
      { kind: 'categorical', name: `layer${i}.units`, choices: units, ...when },
      { kind: 'categorical', name: `layer${i}.activation`, choices: activations, ...when },
      { kind: 'categorical', name: `layer${i}.dropout`, choices: dropout, ...when },
    );
  }
  decisions.push(...trainingDecisions(options.training));

  const decode = (genome: Genome): Architecture => {
    const arch = new ArchBuilder(inputShape);
    if (inputShape.length > 1) arch.add({ kind: 'flatten' });
    const depth = genome.layers as number;
    for (let i = 1; i <= depth; i++) {
      const activation = genome[`layer${i}.activation`] as Activation;
      arch.add({ kind: 'dense', units: genome[`layer${i}.units`] as number, activation });
      const rate = genome[`layer${i}.dropout`] as number;
      if (rate > 0) arch.add({ kind: 'dropout', rate });
    }
    arch.add({ kind: 'dense', units: numClasses, activation: 'linear' });
    return arch.build();
  };

  return defineNetworkSpace({ name, inputShape, numClasses, decisions, decode });
}
