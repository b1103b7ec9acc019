import type { NetworkSpace } from '../spaces/network-space.js';
import { assertTrainingData, type TrainingData } from './data.js';

/**
 * Checks what every trial of `space` would otherwise fail on, one by one: examples of the wrong size or labels out
 * of range, and a space built for another input shape or number of classes than the data has.
 */
export function assertSpaceFitsData(space: NetworkSpace, data: TrainingData): void {
  assertTrainingData(data);
  const same = (a: readonly number[], b: readonly number[]) =>
    a.length === b.length && a.every((value, i) => value === b[i]);
  if (!same(space.inputShape, data.shape)) {
    throw new RangeError(
      `space ${space.name}: expected inputShape ${JSON.stringify([...data.shape])} (the dataset's), got ${JSON.stringify([...space.inputShape])}`,
    );
  }
  if (space.numClasses !== data.numClasses) {
    throw new RangeError(
      `space ${space.name}: expected numClasses ${data.numClasses} (the dataset's), got ${space.numClasses}`,
    );
  }
}
