/**
 * UnsortedSegmentSum over the leading axis: out[segmentIds[i], ...] += x[i, ...]; ids outside
 * [0, numSegments) are dropped, as TensorFlow does.
 */
export function unsortedSegmentSumLoop(
  x: Float32Array | Int32Array,
  segmentIds: Int32Array | Float32Array,
  numSegments: number,
  out: Float32Array | Int32Array,
): void {
  const rows = segmentIds.length;
  const inner = rows === 0 ? 0 : x.length / rows;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const segment = segmentIds[i] as number;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let k = 0; k < inner; k++) out[to + k] = (out[to + k] as number) + (x[from + k] as number);
  }
}
