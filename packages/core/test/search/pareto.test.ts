import { describe, expect, it } from 'vitest';
import { dominates, toCost } from '../../src/index.js';

describe('dominates', () => {
  it('needs no worse in every cost and better in at least one', () => {
    expect(dominates([1, 2], [2, 2])).toBe(true);
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([2, 2], [1, 2])).toBe(false);
  });

  it('lets a finite cost dominate a missing one (+Infinity), never the reverse', () => {
    expect(dominates([1, 2], [Number.POSITIVE_INFINITY, 2])).toBe(true);
    expect(dominates([Number.POSITIVE_INFINITY, 2], [1, 2])).toBe(false);
  });
});

describe('toCost', () => {
  it('negates a maximised value and keeps a minimised one', () => {
    expect(toCost(0.9, 'maximize')).toBe(-0.9);
    expect(toCost(120, 'minimize')).toBe(120);
    // 90% accuracy with 120 parameters dominates 80% with 150.
    expect(dominates([toCost(0.9, 'maximize'), 120], [toCost(0.8, 'maximize'), 150])).toBe(true);
  });
});
