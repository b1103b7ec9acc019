import type * as tfjs from '@tensorflow/tfjs';
import type { OptimizerName } from '../spaces/training.js';
import { defaultTf, perTf, type TF } from '../tf.js';

/** An optimizer whose learning rate can change every step and that frees all its tensors on `dispose()`. */
export interface ScheduledOptimizer {
  readonly name: OptimizerName;
  setLearningRate(learningRate: number): void;
  /** Applies one step; with weight decay `wd`, each gradient becomes `g + wd·w` (L2, as PyTorch's `weight_decay`). */
  step(grads: tfjs.NamedTensorMap): void;
  dispose(): void;
}

const optimizerClasses = perTf((tf: TF) => {
  /** tf's momentum optimizer forgets to free its learning-rate scalar on dispose. */
  class DisposableMomentum extends tf.MomentumOptimizer {
    override dispose(): void {
      super.dispose();
      this.c.dispose();
    }
  }
  /** tf's Adam reads `learningRate` at every step but offers no setter. */
  class SchedulableAdam extends tf.AdamOptimizer {
    setLearningRate(learningRate: number): void {
      this.learningRate = learningRate;
    }
  }
  return { DisposableMomentum, SchedulableAdam };
});

const named = (grads: tfjs.NamedTensorMap): { name: string; tensor: tfjs.Tensor }[] =>
  Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));

export interface OptimizerSettings {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** SGD only. */
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
}

export function createOptimizer(settings: OptimizerSettings, tf: TF = defaultTf): ScheduledOptimizer {
  const { DisposableMomentum, SchedulableAdam } = optimizerClasses(tf);
  const inner =
    settings.optimizer === 'adam'
      ? new SchedulableAdam(settings.learningRate, 0.9, 0.999, 1e-7)
      : new DisposableMomentum(settings.learningRate, settings.momentum, settings.nesterov);
  const { weightDecay } = settings;
  return {
    name: settings.optimizer,
    setLearningRate: (lr) => inner.setLearningRate(lr),
    step: (grads) => {
      if (weightDecay === 0) {
        inner.applyGradients(named(grads));
        return;
      }
      const decayed = tf.tidy(() => {
        const out: tfjs.NamedTensorMap = {};
        for (const [name, g] of Object.entries(grads)) {
          const variable = tf.engine().registeredVariables[name];
          out[name] = variable ? tf.add(g, tf.mul(variable, weightDecay)) : tf.clone(g);
        }
        return out;
      });
      try {
        inner.applyGradients(named(decayed));
      } finally {
        tf.dispose(Object.values(decayed));
      }
    },
    dispose: () => inner.dispose(),
  };
}
