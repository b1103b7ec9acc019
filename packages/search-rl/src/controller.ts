/**
 * The recurrent controller of Zoph & Le (2017) / ENAS (Pham et al. 2018), in TensorFlow.js: an LSTM cell run
 * once per step; step t's input is the embedding of the action taken at step t − 1 (a learned start vector
 * for t = 0); its hidden state goes through step t's own linear layer to a softmax over step t's values.
 * Weights start uniform in [−0.1, 0.1] from the searcher's RNG; Adam is written out here so that its moments
 * are plain numbers that `state()` can return synchronously.
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
  /** Flat Float32 values per variable, in `variableNames` order. */
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

  constructor(
    private readonly shape: ControllerShape,
    rng: Rng,
  ) {
    const h = shape.hiddenSize;
    const make = (dims: number[]): tf.Variable => {
      const size = dims.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = (rng.next() * 2 - 1) * 0.1;
      const variable = tf.variable(tf.tensor(data, dims), true);
      this.variables.push(variable);
      this.m.push(tf.variable(tf.zeros(dims), false));
      this.v.push(tf.variable(tf.zeros(dims), false));
      return variable;
    };
    this.start = make([1, h]);
    this.kernel = make([2 * h, 4 * h]);
    this.bias = make([4 * h]);
    this.forgetBias = tf.scalar(1);
    shape.vocab.forEach((size, t) => {
      this.outW.push(make([h, size]));
      this.outB.push(make([size]));
      // The last step's action feeds nothing.
      if (t < shape.vocab.length - 1) this.embeddings.push(make([size, h]));
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
      const chosen = tf.sum(tf.mul(tf.oneHot(taken, this.shape.vocab[t] as number), logSoftmax), 1);
      const stepEntropy = tf.neg(tf.sum(tf.mul(tf.exp(logSoftmax), logSoftmax), 1));
      logProb = logProb.add(chosen.mul(mask));
      entropy = entropy.add(stepEntropy.mul(mask));
      if (t < this.stepCount - 1) x = tf.gather(this.embeddings[t] as tf.Tensor2D, taken) as tf.Tensor2D;
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
    const load = (list: tf.Variable[], values: number[][], what: string) => {
      if (values.length !== list.length) {
        throw new Error(`reinforce.restore: ${what}: expected ${list.length} arrays, got ${values.length}`);
      }
      list.forEach((variable, i) => {
        const data = values[i] as number[];
        if (data.length !== variable.size) {
          throw new Error(
            `reinforce.restore: ${what}[${i}]: expected ${variable.size} numbers (shape ${variable.shape.join('x')}), got ${data.length}`,
          );
        }
        tf.tidy(() => variable.assign(tf.tensor(data, variable.shape)));
      });
    };
    load(this.variables, weights.values, 'weights.values');
    load(this.m, weights.adamM, 'weights.adamM');
    load(this.v, weights.adamV, 'weights.adamV');
    this.adamStep = weights.adamStep;
  }

  dispose(): void {
    for (const list of [this.variables, this.m, this.v]) for (const t of list) t.dispose();
    this.forgetBias.dispose();
  }
}
