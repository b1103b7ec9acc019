/**
 * The recurrent controller of Zoph & Le (2017) / ENAS (Pham et al. 2018), in TensorFlow.js: an LSTM cell run
 * once per step; step t's input is the embedding of the action taken at step t − 1 (a learned start vector
 * for t = 0); its hidden state goes through step t's own linear layer to a softmax over step t's values.
 * Weights start uniform in [−0.1, 0.1] from the searcher's RNG; Adam is written out here so that its moments
 * are plain numbers that `state()` can return synchronously. Weights live as plain arrays until the first use,
 * so a searcher can be created before a TensorFlow.js backend is ready.
 */

import type { Rng } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';

export interface ControllerShape {
  /** Values per step. */
  readonly vocab: readonly number[];
  readonly hiddenSize: number;
  /** Logits are `tanhConstant · tanh(raw)` (ENAS), so no choice's probability reaches 0 or 1; 0 = raw logits. */
  readonly tanhConstant: number;
}

export interface ControllerWeights {
  /** Flat Float32 values per variable, in `variableShapes` order. */
  readonly values: number[][];
  readonly adamM: number[][];
  readonly adamV: number[][];
  readonly adamStep: number;
}

export interface Batch {
  readonly actions: readonly (readonly number[])[];
  readonly masks: readonly (readonly number[])[];
  readonly advantages: readonly number[];
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Shapes of the trainable variables, in creation and state order: start, LSTM kernel and bias, then per step
 * its output weights and bias and (except for the last step) the embedding of its action. */
export function variableShapes(shape: ControllerShape): number[][] {
  const h = shape.hiddenSize;
  const shapes = [[1, h], [2 * h, 4 * h], [4 * h]];
  shape.vocab.forEach((size, t) => {
    shapes.push([h, size], [size]);
    if (t < shape.vocab.length - 1) shapes.push([size, h]);
  });
  return shapes;
}

/** Fresh weights, uniform in [−0.1, 0.1] from the RNG (Float32 values), and zero Adam moments: no tensors yet. */
export function initialWeights(shape: ControllerShape, rng: Rng): ControllerWeights {
  const shapes = variableShapes(shape);
  const sizeOf = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  return {
    values: shapes.map((dims) =>
      Array.from({ length: sizeOf(dims) }, () => Math.fround((rng.next() * 2 - 1) * 0.1)),
    ),
    adamM: shapes.map((dims) => new Array<number>(sizeOf(dims)).fill(0)),
    adamV: shapes.map((dims) => new Array<number>(sizeOf(dims)).fill(0)),
    adamStep: 0,
  };
}

/** Throws a message naming the array and the shape when weights do not fit the controller. */
export function checkWeights(shape: ControllerShape, weights: ControllerWeights): void {
  const shapes = variableShapes(shape);
  for (const what of ['values', 'adamM', 'adamV'] as const) {
    const arrays = weights[what];
    if (arrays.length !== shapes.length) {
      throw new Error(
        `reinforce.restore: weights.${what}: expected ${shapes.length} arrays, got ${arrays.length}`,
      );
    }
    shapes.forEach((dims, i) => {
      const size = dims.reduce((a, b) => a * b, 1);
      const got = (arrays[i] as number[]).length;
      if (got !== size) {
        throw new Error(
          `reinforce.restore: weights.${what}[${i}]: expected ${size} numbers (shape ${dims.join('x')}), got ${got}`,
        );
      }
    });
  }
}

export class Controller {
  private readonly variables: tf.Variable[] = [];
  private readonly m: tf.Variable[] = [];
  private readonly v: tf.Variable[] = [];
  private adamStep = 0;
  private readonly start: tf.Variable;
  private readonly kernel: tf.Variable;
  private readonly bias: tf.Variable;
  private readonly forgetBias: tf.Scalar;
  private readonly embeddings: tf.Variable[] = [];
  private readonly outW: tf.Variable[] = [];
  private readonly outB: tf.Variable[] = [];

  /** Builds the tensors from plain weights (see `initialWeights`); needs an initialised TensorFlow.js backend. */
  constructor(
    private readonly shape: ControllerShape,
    weights: ControllerWeights,
  ) {
    checkWeights(shape, weights);
    variableShapes(shape).forEach((dims, i) => {
      this.variables.push(tf.variable(tf.tensor(weights.values[i] as number[], dims), true));
      this.m.push(tf.variable(tf.tensor(weights.adamM[i] as number[], dims), false));
      this.v.push(tf.variable(tf.tensor(weights.adamV[i] as number[], dims), false));
    });
    this.adamStep = weights.adamStep;
    const [start, kernel, bias, ...perStep] = this.variables;
    this.start = start as tf.Variable;
    this.kernel = kernel as tf.Variable;
    this.bias = bias as tf.Variable;
    this.forgetBias = tf.scalar(1);
    let k = 0;
    shape.vocab.forEach((_, t) => {
      this.outW.push(perStep[k++] as tf.Variable);
      this.outB.push(perStep[k++] as tf.Variable);
      if (t < shape.vocab.length - 1) this.embeddings.push(perStep[k++] as tf.Variable);
    });
  }

  get stepCount(): number {
    return this.shape.vocab.length;
  }

  /** Samples one action per step with the given RNG (softmax of logits / temperature); returns the actions. */
  sample(rng: Rng, temperature = 1): number[] {
    return tf.tidy(() => {
      const actions: number[] = [];
      let c = tf.zeros([1, this.shape.hiddenSize]) as tf.Tensor2D;
      let h = tf.zeros([1, this.shape.hiddenSize]) as tf.Tensor2D;
      let x: tf.Tensor2D = this.start as tf.Tensor2D;
      for (let t = 0; t < this.stepCount; t++) {
        [c, h] = tf.basicLSTMCell(
          this.forgetBias,
          this.kernel as tf.Tensor2D,
          this.bias as tf.Tensor1D,
          x,
          c,
          h,
        );
        const probs = tf.softmax(this.logits(h, t).div(temperature)).dataSync();
        const u = rng.next();
        let action = probs.length - 1;
        let cumulative = 0;
        for (let i = 0; i < probs.length; i++) {
          cumulative += probs[i] as number;
          if (u < cumulative) {
            action = i;
            break;
          }
        }
        actions.push(action);
        if (t < this.stepCount - 1) x = tf.gather(this.embeddings[t] as tf.Tensor2D, [action]) as tf.Tensor2D;
      }
      return actions;
    });
  }

  private logits(h: tf.Tensor2D, t: number): tf.Tensor2D {
    const raw = h.matMul(this.outW[t] as tf.Tensor2D).add(this.outB[t] as tf.Tensor1D) as tf.Tensor2D;
    return this.shape.tanhConstant > 0 ? raw.tanh().mul(this.shape.tanhConstant) : raw;
  }

  /** Sum over active steps of log-probability and of entropy, per sequence: each `[batch]`. */
  private score(batch: Batch): { logProb: tf.Tensor1D; entropy: tf.Tensor1D } {
    const n = batch.actions.length;
    let c = tf.zeros([n, this.shape.hiddenSize]) as tf.Tensor2D;
    let h = tf.zeros([n, this.shape.hiddenSize]) as tf.Tensor2D;
    let x = tf.tile(this.start, [n, 1]) as tf.Tensor2D;
    let logProb = tf.zeros([n]) as tf.Tensor1D;
    let entropy = tf.zeros([n]) as tf.Tensor1D;
    for (let t = 0; t < this.stepCount; t++) {
      [c, h] = tf.basicLSTMCell(
        this.forgetBias,
        this.kernel as tf.Tensor2D,
        this.bias as tf.Tensor1D,
        x,
        c,
        h,
      );
      const logSoftmax = tf.logSoftmax(this.logits(h, t));
      const taken = batch.actions.map((a) => a[t] as number);
      const mask = tf.tensor1d(batch.masks.map((m) => m[t] as number));
      const chosen = tf.sum(tf.mul(indicator(taken, this.shape.vocab[t] as number), logSoftmax), 1);
      const stepEntropy = tf.neg(tf.sum(tf.mul(tf.exp(logSoftmax), logSoftmax), 1));
      logProb = logProb.add(chosen.mul(mask));
      entropy = entropy.add(stepEntropy.mul(mask));
      // One-hot × embedding rather than gather: the same rows, with a gradient every backend has (wasm lacks
      // the UnsortedSegmentSum kernel that gather's gradient needs).
      if (t < this.stepCount - 1) {
        const oneHot = indicator(taken, this.shape.vocab[t] as number);
        x = oneHot.matMul(this.embeddings[t] as tf.Tensor2D) as tf.Tensor2D;
      }
    }
    return { logProb, entropy };
  }

  /**
   * One REINFORCE step: loss = −mean(advantage · log π(actions)) − entropyWeight · mean(entropy), minimised
   * with Adam. Returns the loss.
   */
  update(batch: Batch, learningRate: number, entropyWeight: number): number {
    const advantages = tf.tensor1d([...batch.advantages]);
    const { value, grads } = tf.variableGrads(() => {
      const { logProb, entropy } = this.score(batch);
      return tf.neg(tf.mean(logProb.mul(advantages))).sub(tf.mean(entropy).mul(entropyWeight)) as tf.Scalar;
    }, this.variables);
    this.adamStep++;
    const correction1 = 1 - BETA1 ** this.adamStep;
    const correction2 = 1 - BETA2 ** this.adamStep;
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const g = grads[variable.name] as tf.Tensor;
        const m = (this.m[i] as tf.Variable).mul(BETA1).add(g.mul(1 - BETA1));
        const v = (this.v[i] as tf.Variable).mul(BETA2).add(g.square().mul(1 - BETA2));
        (this.m[i] as tf.Variable).assign(m);
        (this.v[i] as tf.Variable).assign(v);
        const stepSize = m.div(correction1).div(v.div(correction2).sqrt().add(EPSILON)).mul(learningRate);
        variable.assign(variable.sub(stepSize));
      });
    });
    const loss = value.dataSync()[0] as number;
    value.dispose();
    advantages.dispose();
    for (const g of Object.values(grads)) g.dispose();
    return loss;
  }

  /** Probabilities of each value at step 0 (for tests and reports). */
  firstStepProbabilities(): number[] {
    return tf.tidy(() => {
      const zeros = tf.zeros([1, this.shape.hiddenSize]) as tf.Tensor2D;
      const [, h] = tf.basicLSTMCell(
        this.forgetBias,
        this.kernel as tf.Tensor2D,
        this.bias as tf.Tensor1D,
        this.start as tf.Tensor2D,
        zeros,
        zeros,
      );
      return Array.from(tf.softmax(this.logits(h as tf.Tensor2D, 0)).dataSync());
    });
  }

  getWeights(): ControllerWeights {
    const flat = (list: tf.Variable[]) => list.map((t) => Array.from(t.dataSync()));
    return {
      values: flat(this.variables),
      adamM: flat(this.m),
      adamV: flat(this.v),
      adamStep: this.adamStep,
    };
  }

  setWeights(weights: ControllerWeights): void {
    checkWeights(this.shape, weights);
    const load = (list: tf.Variable[], values: number[][]) =>
      list.forEach((variable, i) => {
        tf.tidy(() => variable.assign(tf.tensor(values[i] as number[], variable.shape)));
      });
    load(this.variables, weights.values);
    load(this.m, weights.adamM);
    load(this.v, weights.adamV);
    this.adamStep = weights.adamStep;
  }

  dispose(): void {
    for (const list of [this.variables, this.m, this.v]) for (const t of list) t.dispose();
    this.forgetBias.dispose();
  }
}

/**
 * One row per sample with a 1 at the action taken. Built from plain arrays because `tf.oneHot` refuses a depth of 1,
 * which a decision with a single choice has.
 */
function indicator(taken: readonly number[], depth: number): tf.Tensor2D {
  const values = new Float32Array(taken.length * depth);
  taken.forEach((action, row) => {
    values[row * depth + action] = 1;
  });
  return tf.tensor2d(values, [taken.length, depth]);
}
