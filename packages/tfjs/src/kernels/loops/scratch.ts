/**
 * Reusable scratch buffers for patch matrices: a training step needs the same few sizes again and
 * again, and allocating megabytes per call would keep the garbage collector busy. Not re-entrant:
 * kernels run one at a time on a thread, and each call takes distinct slots.
 */
const slots: Float32Array[] = [];

export function scratch(slot: number, length: number): Float32Array {
  const current = slots[slot];
  if (current !== undefined && current.length >= length) return current.subarray(0, length);
  const fresh = new Float32Array(Math.max(length, Math.ceil((current?.length ?? 0) * 1.5)));
  slots[slot] = fresh;
  return fresh.subarray(0, length);
}
