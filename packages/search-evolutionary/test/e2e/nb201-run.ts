/**
 * The searcher on the tabular NAS-Bench-201 curves with the replay trainer and the predictor plugin (the paper's
 * convergence rule, explicit so the test does not depend on the package's recommended defaults).
 */
import type { Genome, ObjectiveSpec, SearcherFactory } from '@penguin-nas/core';
import { runOnRecordedCurves } from '@penguin-nas/core/testing';
import { predictorPlugin } from '@penguin-nas/predictor';

export { sourceText } from '@penguin-nas/core/testing';

export const NB201 = new URL('../../../../../shared/data/curves/nb201-cifar10-valid.jsonl', import.meta.url)
  .pathname;

/** 9 units of C² per 3×3 convolution, 1 per 1×1: a static proxy for parameters (NB201 records have none). */
export const convParams = (g: Genome) =>
  Object.values(g).reduce<number>(
    (n, op) => n + (op === 'nor_conv_3x3' ? 9 : op === 'nor_conv_1x1' ? 1 : 0),
    0,
  );

export function runOnNb201(
  factory: SearcherFactory<Genome>,
  options: { trials: number; maxEpochs: number; objectives?: ObjectiveSpec[]; seed?: number },
) {
  return runOnRecordedCurves(factory, {
    file: NB201,
    ...options,
    staticObjectives: (g) => ({ conv_params: convParams(g) }),
    plugins: [predictorPlugin({ metric: 'val_acc', rule: { kind: 'peng4nn' } })],
  });
}
