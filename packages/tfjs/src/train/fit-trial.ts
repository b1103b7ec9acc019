import { setImmediate as nextTurn } from 'node:timers/promises';
import { createRng, type EpochLogs, type ReportFn } from '@penguin-nas/core';
import type * as tfjs from '@tensorflow/tfjs';
import type { Architecture } from '../arch/types.js';
import { buildModel } from '../build/build-model.js';
import { defaultTf, type TF } from '../tf.js';
import { assertTrainingData, gatherBatch, type Split, type TrainingData } from './data.js';
import { createOptimizer, type OptimizerSettings } from './optimizer.js';
import { type LearningRateSchedule, learningRateAt } from './schedule.js';

export interface TrainSettings extends OptimizerSettings {
  readonly batchSize: number;
  readonly schedule: LearningRateSchedule;
  /** Epochs between validation points; fractional allowed (0.5 validates after half the batches). */
  readonly validationEvery: number;
  /** Examples per evaluation batch (memory only; default 256). */
  readonly evalBatchSize?: number;
}

export interface FitTrialInput {
  readonly architecture: Architecture;
  readonly data: TrainingData;
  readonly settings: TrainSettings;
  /** Seeds weights, dropout and shuffling. */
  readonly seed: number;
  readonly maxEpochs: number;
  readonly report: ReportFn;
  readonly signal?: AbortSignal;
  /** The TensorFlow.js namespace of the active backend (`selectBackend().tf`); default this package's. */
  readonly tf?: TF;
}

export interface FitTrialResult {
  /** Epochs trained, fractional when stopped between whole epochs. */
  readonly epochs: number;
  /** `completed`: trained to maxEpochs; `stopped`: report answered 'stop'; `cancelled`: the signal aborted. */
  readonly outcome: 'completed' | 'stopped' | 'cancelled';
  readonly validations: number;
  readonly params: number;
}

/** A trial that cannot go on (its loss became NaN…); the message says when. */
export class TrainingFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingFailure';
  }
}

/** The global step after which each validation point comes, and its (possibly fractional) epoch. */
export function validationPlan(
  maxEpochs: number,
  every: number,
  stepsPerEpoch: number,
): { step: number; epoch: number }[] {
  if (!(every > 0)) throw new RangeError(`validationEvery: expected a number > 0, got ${every}`);
  if (every * stepsPerEpoch < 1 - 1e-9) {
    throw new RangeError(
      `validationEvery: ${every} epoch is less than one batch (an epoch has ${stepsPerEpoch} batches); use at least ${1 / stepsPerEpoch}`,
    );
  }
  const plan: { step: number; epoch: number }[] = [];
  for (let k = 1; k * every <= maxEpochs + 1e-9; k++) {
    const epoch = Math.round(k * every * 1e9) / 1e9;
    plan.push({ epoch, step: Math.round(epoch * stepsPerEpoch) });
  }
  const last = plan[plan.length - 1];
  if (!last || last.epoch < maxEpochs - 1e-9) {
    const step = Math.max(1, Math.round(maxEpochs * stepsPerEpoch));
    // The last regular point may round onto the final batch: the point at maxEpochs replaces it.
    if (last?.step === step) plan.pop();
    plan.push({ epoch: maxEpochs, step });
  }
  return plan;
}

/** The dataset's example shape and class count must match the network's input and output. */
function assertDataFitsNetwork(architecture: Architecture, data: TrainingData): void {
  const first = architecture.nodes[0]?.layer;
  const inputShape = first?.kind === 'input' ? first.shape : [];
  if (inputShape.join('x') !== data.shape.join('x')) {
    throw new RangeError(
      `dataset: examples of shape [${data.shape.join(', ')}] do not fit the network input [${inputShape.join(', ')}]; set the space's inputShape to the dataset's`,
    );
  }
  const last = architecture.nodes[architecture.nodes.length - 1]?.layer;
  if (last?.kind !== 'dense' || last.units !== data.numClasses) {
    const units = last?.kind === 'dense' ? last.units : 'no dense layer';
    throw new RangeError(
      `dataset: ${data.numClasses} classes, but the network's output has ${units} units; set the space's numClasses to the dataset's`,
    );
  }
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Mean loss and accuracy (percent) of the model on a split, in batches, training mode off. */
function evaluate(
  tf: TF,
  model: tfjs.LayersModel,
  split: Split,
  shape: readonly number[],
  batchSize: number,
) {
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < split.count; start += batchSize) {
    const end = Math.min(split.count, start + batchSize);
    const indices = Array.from({ length: end - start }, (_, i) => start + i);
    const [loss, hits] = tf.tidy(() => {
      const { x, y } = gatherBatch(split, shape, indices, tf);
      const logits = model.apply(x, { training: false }) as tfjs.Tensor2D;
      const labels = tf.oneHot(y, logits.shape[1]);
      const sum = tf.sum(
        tf.losses.softmaxCrossEntropy(labels, logits, undefined, undefined, tf.Reduction.NONE),
      );
      return [sum, tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'int32'))];
    });
    lossSum += loss.dataSync()[0] as number;
    correct += hits.dataSync()[0] as number;
    tf.dispose([loss, hits]);
  }
  return { loss: lossSum / split.count, acc: (100 * correct) / split.count };
}

/**
 * Builds and trains one network with its own batch loop: shuffles every epoch with the trial's seed, updates the
 * learning rate every step, validates every `validationEvery` epochs and awaits `report` before going on; stops
 * at once on 'stop' or when `signal` aborts. Frees the model, the optimizer and every tensor, whatever happens.
 * Rejects with `TrainingFailure` when the training loss stops being finite.
 */
export async function fitTrial(input: FitTrialInput): Promise<FitTrialResult> {
  const { data, settings, maxEpochs, report, signal } = input;
  const tf = input.tf ?? defaultTf;
  assertTrainingData(data);
  if (!(maxEpochs > 0)) throw new RangeError(`maxEpochs: expected a number > 0, got ${maxEpochs}`);
  if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) {
    throw new RangeError(`batchSize: expected an integer >= 1, got ${settings.batchSize}`);
  }
  assertDataFitsNetwork(input.architecture, data);
  const stepsPerEpoch = Math.ceil(data.train.count / settings.batchSize);
  const plan = validationPlan(maxEpochs, settings.validationEvery, stepsPerEpoch);
  const totalSteps = (plan[plan.length - 1] as { step: number }).step;
  const rng = createRng(input.seed).fork('shuffle');

  const model = buildModel(input.architecture, { seed: input.seed, tf });
  const optimizer = createOptimizer(settings, tf);
  const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
  let order: number[] = [];
  let next = 0;
  let step = 0;
  let runLoss = 0;
  let runCorrect = 0;
  let runSeen = 0;
  let learningRate = settings.learningRate;
  let outcome: FitTrialResult['outcome'] = 'completed';
  try {
    while (step < totalSteps) {
      if (signal?.aborted) {
        outcome = 'cancelled';
        break;
      }
      const batchInEpoch = step % stepsPerEpoch;
      if (batchInEpoch === 0) order = rng.shuffle(Array.from({ length: data.train.count }, (_, i) => i));
      const indices = order.slice(batchInEpoch * settings.batchSize, (batchInEpoch + 1) * settings.batchSize);
      learningRate = learningRateAt(
        settings.schedule,
        settings.learningRate,
        step / stepsPerEpoch,
        maxEpochs,
      );
      optimizer.setLearningRate(learningRate);
      const { x, y } = gatherBatch(data.train, data.shape, indices, tf);
      let hits: tfjs.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const logits = model.apply(x, { training: true }) as tfjs.Tensor2D;
        hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'int32')));
        return tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits) as tfjs.Scalar;
      }, variables);
      // One read per step (a sync point on accelerated backends): the loss and the correct predictions together.
      const stats = tf.tidy(() => tf.stack([value, tf.cast(hits as tfjs.Tensor, 'float32')]).dataSync());
      const loss = stats[0] as number;
      const correct = stats[1] as number;
      tf.dispose([x, y, value, hits as tfjs.Tensor]);
      if (!Number.isFinite(loss)) {
        tf.dispose(Object.values(grads));
        const epoch = Math.round(((step + 1) / stepsPerEpoch) * 1000) / 1000;
        throw new TrainingFailure(`training loss became ${loss} at epoch ${epoch} (step ${step + 1})`);
      }
      optimizer.step(grads);
      tf.dispose(Object.values(grads));
      step++;
      runLoss += loss * indices.length;
      runCorrect += correct;
      runSeen += indices.length;

      const point = plan[next];
      if (point && step === point.step) {
        next++;
        const val = evaluate(tf, model, data.val, data.shape, settings.evalBatchSize ?? 256);
        const logs: EpochLogs = {
          epoch: point.epoch,
          val_acc: finite(val.acc),
          val_loss: finite(val.loss),
          acc: finite((100 * runCorrect) / runSeen),
          loss: finite(runLoss / runSeen),
          // The rate of the last step before this point, so a schedule is visible in the curve and to a predictor.
          lr: learningRate,
        };
        runLoss = runCorrect = runSeen = 0;
        if ((await report(logs)) === 'stop') {
          outcome = step < totalSteps ? 'stopped' : 'completed';
          break;
        }
      } else {
        await nextTurn();
      }
    }
    return { epochs: step / stepsPerEpoch, outcome, validations: next, params: model.countParams() };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
