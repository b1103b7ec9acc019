/**
 * The k-th smallest of `values` (k from 1), what `values.slice().sort()[k - 1]` gives for a typed array, NaN
 * sorting last, without sorting them all: the k smallest so far are kept in a small sorted buffer, so n values
 * cost about n comparisons when k is small (the calibration asks for the 10th nearest of 500 at every point).
 */
export function kthSmallest(values: ArrayLike<number>, k: number): number {
  const n = values.length;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new RangeError(`kthSmallest: expected an integer k in [1, ${n}], got ${k}`);
  const buffer = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (size === k && !sortsBefore(v, buffer[k - 1] as number)) continue;
    let j = size < k ? size++ : k - 1;
    while (j > 0 && sortsBefore(v, buffer[j - 1] as number)) {
      buffer[j] = buffer[j - 1] as number;
      j--;
    }
    buffer[j] = v;
  }
  return buffer[k - 1] as number;
}

/** Whether `a` comes before `b` in a typed array's ascending sort (-0 before +0, NaN last). */
function sortsBefore(a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  if (a === 0 && b === 0) return Object.is(a, -0) && Object.is(b, 0);
  return a < b;
}
