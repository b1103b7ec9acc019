import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared curve files sit beside the checkout as ../shared (read by path, never copied into the repository). */
export const SHARED_CURVES = fileURLToPath(new URL('../../../../../shared/data/curves/', import.meta.url));
export const NB201 = `${SHARED_CURVES}nb201-cifar10-valid.jsonl`;
export const TEST_VECTORS = `${SHARED_CURVES}penguin-test-vectors.json`;

/** One fit of the reference run: parameters and the prediction at epoch 20 after `n_points` points. */
export interface TraceFit {
  n_points: number;
  last_epoch: number;
  a: number | null;
  b: number | null;
  c: number | null;
  pred_at_e20: number | null;
}

export interface VectorModel {
  model: string;
  epochs: number[];
  val_acc: number[];
  expected: { stabilized_at_epoch: number; predicted_acc_at_e20: number };
  per_fit_trace: TraceFit[];
}

/** The PENGUIN reference test vectors (three CIFAR-100 curves with every fit of the reference run). */
export function readTestVectors(): { params: { e_max: number }; models: VectorModel[] } {
  return JSON.parse(readFileSync(TEST_VECTORS, 'utf8'));
}
