import type * as tfjs from '@tensorflow/tfjs';
import { defaultTf, perTf, type TF } from '../tf.js';

export interface SeededDropoutArgs {
  readonly rate: number;
  /** Base seed; each training call uses the next seed, so masks differ between batches yet repeat across runs. */
  readonly seed: number;
  readonly name?: string;
}

/**
 * Dropout whose masks are reproducible. `tf.layers.dropout({ seed })` draws the same mask at every call, and
 * without a seed it draws from `Math.random`; this layer draws mask `k` with seed `seed + k`.
 */
const seededDropoutClass = perTf((tf: TF) => {
  class SeededDropout extends tf.layers.Layer {
    static readonly className = 'PenguinSeededDropout';
    private readonly rate: number;
    private readonly seed: number;
    private calls = 0;

    constructor(args: SeededDropoutArgs) {
      super(args.name === undefined ? {} : { name: args.name });
      this.rate = args.rate;
      this.seed = args.seed;
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: { training?: boolean }): tfjs.Tensor {
      const x = Array.isArray(inputs) ? (inputs[0] as tfjs.Tensor) : inputs;
      if (!kwargs.training || this.rate === 0) return tf.clone(x);
      return tf.dropout(x, this.rate, undefined, this.seed + this.calls++);
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...super.getConfig(), rate: this.rate, seed: this.seed };
    }
  }
  tf.serialization.registerClass(SeededDropout);
  return SeededDropout;
});

/** A seeded dropout layer for the given TensorFlow.js namespace. */
export function seededDropout(args: SeededDropoutArgs, tf: TF = defaultTf): tfjs.layers.Layer {
  if (!(args.rate >= 0 && args.rate < 1)) {
    throw new RangeError(`seededDropout: rate: expected a number in [0, 1), got ${args.rate}`);
  }
  const SeededDropout = seededDropoutClass(tf);
  return new SeededDropout(args);
}
