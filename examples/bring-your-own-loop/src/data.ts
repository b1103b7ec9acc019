/** A small synthetic classification task: 10 overlapping Gaussian blobs in 20 dimensions (seeded). */
import * as tf from '@tensorflow/tfjs';

export interface Split {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
}

export function blobs(samples: number, seed: number): Split {
  return tf.tidy(() => {
    const classes = 10;
    const dims = 20;
    const centres = tf.randomNormal([classes, dims], 0, 1, 'float32', 7);
    const labels = tf.randomUniform([samples], 0, classes, 'int32', seed) as tf.Tensor1D;
    const noise = tf.randomNormal([samples, dims], 0, 1.1, 'float32', seed + 1);
    const x = tf.gather(centres, labels).add(noise) as tf.Tensor2D;
    return { x, y: tf.oneHot(labels, classes).toFloat() as tf.Tensor2D };
  });
}
