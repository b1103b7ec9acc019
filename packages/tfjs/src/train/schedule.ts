/** How the learning rate moves over training. Epochs are fractional (`epoch = step / stepsPerEpoch`). */
export type LearningRateSchedule =
  | { readonly type: 'constant' }
  /** From the base rate down to `minLearningRate` (default 0) at `maxEpochs`, along half a cosine. */
  | { readonly type: 'cosine'; readonly minLearningRate?: number | undefined }
  /** Multiplied by `gamma` every `every` epochs. */
  | { readonly type: 'step'; readonly every: number; readonly gamma: number };

/** The learning rate at a (fractional) epoch. */
export function learningRateAt(
  schedule: LearningRateSchedule,
  base: number,
  epoch: number,
  maxEpochs: number,
): number {
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      const progress = Math.min(1, Math.max(0, epoch / maxEpochs));
      return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * progress));
    }
    case 'step':
      return base * schedule.gamma ** Math.floor(epoch / schedule.every + 1e-9);
  }
}
