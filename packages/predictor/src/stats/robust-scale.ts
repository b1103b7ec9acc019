import { quickselect } from 'simple-statistics';

/** 1.4826 × the median absolute deviation estimates a normal standard deviation. */
const MAD_TO_SD = 1.4826;

/**
 * The upper median of `values` (the upper one of an even count: what sorting and reading index `length >> 1`
 * gives). Reorders `values` in place: a selection (simple-statistics' Floyd-Rivest `quickselect`), linear time
 * instead of a sort, for the calibration takes these at every rebuild of every epoch. NaN sorts last, as a typed
 * array's sort puts it, so a column holding NaN is sorted instead (selection compares with `<`, which NaN breaks).
 */
export function upperMedian(values: number[] | Float64Array): number {
  if (values.some(Number.isNaN)) {
    if (values instanceof Float64Array) values.sort();
    else values.sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  } else {
    quickselect(values as number[], values.length >> 1);
  }
  return values[values.length >> 1] as number;
}

/**
 * A robust standard deviation from absolute deviations (or residuals, or steps around 0): 1.4826 × their upper
 * median (the upper one of an even count). Reorders `absolute` in place; NaN when it is empty.
 */
export function robustScale(absolute: number[] | Float64Array): number {
  if (absolute.length === 0) return Number.NaN;
  return MAD_TO_SD * upperMedian(absolute);
}
