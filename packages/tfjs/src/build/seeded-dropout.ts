import * as tf from '@tensorflow/tfjs';

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
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'PenguinSeededDropout';
  private readonly rate: number;
  private readonly seed: number;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    if (!(args.rate >= 0 && args.rate < 1)) {
      throw new RangeError(`SeededDropout: rate: expected a number in [0, 1), got ${args.rate}`);
    }
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (!kwargs.training || this.rate === 0) return tf.clone(x);
    return tf.dropout(x, this.rate, undefined, this.seed + this.calls++);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
