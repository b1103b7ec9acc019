/**
 * C[m, n] = Σ_k A[m, k] · B[n, k] for row-major A (rows × depth) and B (cols × depth): every output is
 * a dot product of two contiguous rows. Blocked 4 rows × 2 columns (eight sums in registers, six
 * streams read once per step) and split along `depth` in chunks that stay in the L1/L2 cache.
 */
const DEPTH_CHUNK = 2048;

export function gemmABt(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  rows: number,
  cols: number,
  depth: number,
): void {
  c.fill(0, 0, rows * cols);
  for (let k0 = 0; k0 < depth; k0 += DEPTH_CHUNK) {
    const k1 = Math.min(depth, k0 + DEPTH_CHUNK);
    let m = 0;
    for (; m + 4 <= rows; m += 4) {
      const a0 = m * depth;
      const a1 = a0 + depth;
      const a2 = a1 + depth;
      const a3 = a2 + depth;
      let n = 0;
      for (; n + 2 <= cols; n += 2) {
        const b0 = n * depth;
        const b1 = b0 + depth;
        let s00 = 0;
        let s01 = 0;
        let s10 = 0;
        let s11 = 0;
        let s20 = 0;
        let s21 = 0;
        let s30 = 0;
        let s31 = 0;
        for (let k = k0; k < k1; k++) {
          const x0 = b[b0 + k] as number;
          const x1 = b[b1 + k] as number;
          const v0 = a[a0 + k] as number;
          const v1 = a[a1 + k] as number;
          const v2 = a[a2 + k] as number;
          const v3 = a[a3 + k] as number;
          s00 += v0 * x0;
          s01 += v0 * x1;
          s10 += v1 * x0;
          s11 += v1 * x1;
          s20 += v2 * x0;
          s21 += v2 * x1;
          s30 += v3 * x0;
          s31 += v3 * x1;
        }
        const c0 = m * cols + n;
        c[c0] = (c[c0] as number) + s00;
        c[c0 + 1] = (c[c0 + 1] as number) + s01;
        c[c0 + cols] = (c[c0 + cols] as number) + s10;
        c[c0 + cols + 1] = (c[c0 + cols + 1] as number) + s11;
        c[c0 + 2 * cols] = (c[c0 + 2 * cols] as number) + s20;
        c[c0 + 2 * cols + 1] = (c[c0 + 2 * cols + 1] as number) + s21;
        c[c0 + 3 * cols] = (c[c0 + 3 * cols] as number) + s30;
        c[c0 + 3 * cols + 1] = (c[c0 + 3 * cols + 1] as number) + s31;
      }
      for (; n < cols; n++) {
        for (let r = 0; r < 4; r++)
          c[(m + r) * cols + n] =
            (c[(m + r) * cols + n] as number) + dot(a, (m + r) * depth, b, n * depth, k0, k1);
      }
    }
    for (; m < rows; m++) {
      for (let n = 0; n < cols; n++)
        c[m * cols + n] = (c[m * cols + n] as number) + dot(a, m * depth, b, n * depth, k0, k1);
    }
  }
}

function dot(
  a: Float32Array,
  aOffset: number,
  b: Float32Array,
  bOffset: number,
  from: number,
  to: number,
): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += (a[aOffset + k] as number) * (b[bOffset + k] as number);
  return sum;
}
