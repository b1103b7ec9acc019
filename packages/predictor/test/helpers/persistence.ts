import type { Extrapolator } from '../../src/extrapolate/types.js';

/**
 * A real (if naive) extrapolator for tests of the plugin's wiring: it predicts that the curve stays at the
 * mean of its last two values. Fitting itself is tested with the curve models.
 */
export const persistence: Extrapolator = {
  label: 'persistence',
  extrapolate(_xs, ys) {
    const tail = ys.slice(-2);
    if (tail.length === 0) return { ok: false, reason: 'persistence: no points', members: [] };
    const value = tail.reduce((s, v) => s + v, 0) / tail.length;
    return { ok: true, value, spread: null, members: [{ model: 'persistence', weight: 1, params: {} }] };
  },
};

export const persistenceFactory = () => persistence;
