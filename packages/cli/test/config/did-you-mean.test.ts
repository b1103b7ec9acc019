import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest } from '../../src/config/did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('budget', 'budget')).toBe(0);
    expect(editDistance('budgt', 'budget')).toBe(1);
    expect(editDistance('trialz', 'trials')).toBe(1);
    expect(editDistance('serahcer', 'searcher')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('nearest', () => {
  const keys = ['space', 'searcher', 'trainer', 'budget', 'maxEpochs', 'concurrency'];
  it('suggests the closest key for a typo', () => {
    expect(nearest('searchr', keys)).toBe('searcher');
    expect(nearest('maxepochs', keys)).toBe('maxEpochs');
    expect(nearest('concurency', keys)).toBe('concurrency');
  });
  it('suggests nothing for an unrelated word', () => {
    expect(nearest('learningRate', keys)).toBeUndefined();
    expect(didYouMean('zzz', keys)).toBe('');
  });
  it('formats the hint', () => {
    expect(didYouMean('budgt', keys)).toBe("; did you mean 'budget'?");
  });
});
