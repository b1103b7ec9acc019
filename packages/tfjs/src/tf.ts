import * as tfjs from '@tensorflow/tfjs';

/**
 * A TensorFlow.js namespace. Builders and training take one as an option because a native backend
 * (`@tensorflow/tfjs-node[-gpu]`) may bring its own copy of TensorFlow.js: use the `tf` that `selectBackend`
 * returns. The default is this package's `@tensorflow/tfjs`.
 */
export type TF = typeof tfjs;

export const defaultTf: TF = tfjs;

/** Memoises a per-namespace value (e.g. a layer class that must extend that copy's `Layer`). */
export function perTf<T>(make: (tf: TF) => T): (tf: TF) => T {
  const cache = new WeakMap<TF, T>();
  return (tf) => {
    let value = cache.get(tf);
    if (value === undefined) {
      value = make(tf);
      cache.set(tf, value);
    }
    return value;
  };
}
