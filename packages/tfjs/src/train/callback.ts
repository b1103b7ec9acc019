import type { EpochLogs } from '@penguin-nas/core';
import type * as tfjs from '@tensorflow/tfjs';
import { defaultTf, perTf, type TF } from '../tf.js';

/** The part of the engine a callback needs (`Engine` has it): report a validation point, hear whether to stop. */
export interface ObservingEngine {
  observe(trialId: string, logs: EpochLogs): Promise<{ readonly stop: boolean }>;
}

export interface PenguinCallbackOptions {
  /**
   * Multiplies accuracy metrics (`acc`, `val_acc`, `accuracy`, `val_accuracy`) so they reach Penguin in percent,
   * like its curves and the paper's thresholds; default 100 (tfjs reports fractions). Use 1 if yours are percent.
   */
  readonly accuracyScale?: number;
  /** The TensorFlow.js namespace your model comes from, when it is not this package's (e.g. tfjs-node's). */
  readonly tf?: TF;
}

const ACCURACY = new Set(['acc', 'val_acc', 'accuracy', 'val_accuracy']);

/** tfjs logs of epoch `epoch` (0-based) as Penguin epoch logs: 1-based epochs, accuracies scaled, `val_accuracy` also as `val_acc`. */
export function toEpochLogs(epoch: number, logs: tfjs.Logs | undefined, accuracyScale = 100): EpochLogs {
  const out: Record<string, number | null> = { epoch: epoch + 1 };
  for (const [key, raw] of Object.entries(logs ?? {})) {
    const value = typeof raw === 'number' ? raw : Number.NaN;
    const scaled = ACCURACY.has(key) ? value * accuracyScale : value;
    out[key] = Number.isFinite(scaled) ? scaled : null;
  }
  if (out.val_acc === undefined && out.val_accuracy !== undefined) out.val_acc = out.val_accuracy;
  if (out.acc === undefined && out.accuracy !== undefined) out.acc = out.accuracy;
  return out as EpochLogs;
}

/** Logs as `fit` hands them to callbacks: numbers or scalar tensors still on the backend. */
type UnresolvedLogs = Record<string, number | tfjs.Tensor | undefined>;

async function resolveLogs(logs: UnresolvedLogs | undefined): Promise<tfjs.Logs> {
  const out: tfjs.Logs = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === 'number') out[key] = value;
    else if (value && typeof value.data === 'function') out[key] = (await value.data())[0] as number;
  }
  return out;
}

const callbackClass = perTf(
  (tf: TF) =>
    class PenguinCallback extends tf.Callback {
      constructor(
        private readonly engine: ObservingEngine,
        private readonly trialId: string,
        private readonly accuracyScale: number,
      ) {
        super();
      }

      override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
        const resolved = await resolveLogs(logs);
        const { stop } = await this.engine.observe(
          this.trialId,
          toEpochLogs(epoch, resolved, this.accuracyScale),
        );
        if (stop) this.model.stopTraining = true;
      }
    },
);

/**
 * For "bring your own loop": pass to `model.fit(x, y, { callbacks: [penguinCallback(engine, id)] })`. After each
 * epoch it calls `engine.observe(trialId, logs)` and sets `model.stopTraining` when Penguin says stop; then call
 * `engine.finish(trialId)` for the fitness (the prediction when the trial was stopped early).
 */
export function penguinCallback(
  engine: ObservingEngine,
  trialId: string,
  options: PenguinCallbackOptions = {},
): tfjs.Callback {
  const PenguinCallback = callbackClass(options.tf ?? defaultTf);
  return new PenguinCallback(engine, trialId, options.accuracyScale ?? 100);
}
