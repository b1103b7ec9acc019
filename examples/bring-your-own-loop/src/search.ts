/**
 * An ordinary TensorFlow.js architecture search: try a few MLPs, train each with model.fit, keep the best.
 * The lines marked PENGUIN are all it takes to add early termination: the loop itself is unchanged, and
 * stops a model when Penguin predicts its final accuracy has converged.
 */
import { Engine, type Fitness } from '@penguin-nas/core';
import { predictorPlugin } from '@penguin-nas/predictor';
import { penguinCallback } from '@penguin-nas/tfjs';
import * as tf from '@tensorflow/tfjs';
import { blobs } from './data.js';

export interface Candidate {
  readonly hidden: number;
  readonly layers: number;
  readonly lr: number;
}

export interface CandidateResult {
  readonly candidate: Candidate;
  readonly epochsTrained: number;
  readonly fitness: Fitness;
}

export const CANDIDATES: readonly Candidate[] = [
  { hidden: 8, layers: 1, lr: 0.05 },
  { hidden: 32, layers: 1, lr: 0.05 },
  { hidden: 32, layers: 2, lr: 0.02 },
  { hidden: 64, layers: 1, lr: 0.1 },
  { hidden: 64, layers: 2, lr: 0.05 },
  { hidden: 16, layers: 2, lr: 0.01 },
];

function build(c: Candidate, seed: number): tf.Sequential {
  const model = tf.sequential();
  for (let i = 0; i < c.layers; i++) {
    model.add(
      tf.layers.dense({
        units: c.hidden,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 ? { inputShape: [20] } : {}),
      }),
    );
  }
  model.add(
    tf.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }),
    }),
  );
  model.compile({ optimizer: tf.train.sgd(c.lr), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function search(options: { epochs: number; candidates?: readonly Candidate[]; train?: number }) {
  await tf.ready(); // the best backend registered (wasm once @penguin-nas/tfjs is loaded, else cpu)
  const train = blobs(options.train ?? 1000, 1);
  const valid = blobs(300, 2);
  // PENGUIN: an engine without searcher or trainer, for a loop of your own; the predictor plugin decides.
  const engine = new Engine({
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: options.epochs,
    // The paper's rule (PEng4NN): stop once the last 3 predictions of the final accuracy agree within 0.5 points.
    plugins: [predictorPlugin({ metric: 'val_acc', rule: { kind: 'peng4nn' } })],
  });
  const results: CandidateResult[] = [];
  for (const [i, candidate] of (options.candidates ?? CANDIDATES).entries()) {
    const model = build(candidate, 10 * i);
    const { id } = await engine.startTrial({ ...candidate }); // PENGUIN
    const history = await model.fit(train.x, train.y, {
      epochs: options.epochs,
      batchSize: 64,
      validationData: [valid.x, valid.y],
      shuffle: false,
      verbose: 0,
      callbacks: [penguinCallback(engine, id)], // PENGUIN: sets model.stopTraining when Penguin says stop
    });
    const epochsTrained = history.epoch.length;
    const fitness = await engine.finish(id, { epochs: epochsTrained }); // PENGUIN: measured, or predicted if stopped
    results.push({ candidate, epochsTrained, fitness });
    model.dispose();
  }
  const summary = await engine.close(); // PENGUIN
  for (const t of [train, valid]) tf.dispose([t.x, t.y]);
  return { results, summary };
}
