import { describe, expect, it } from 'vitest';
import { search } from '../src/search.js';

describe('bring your own loop', () => {
  it('the unchanged model.fit loop stops early on Penguin’s word and gets the prediction as fitness', async () => {
    const epochs = 15;
    const { results, summary } = await search({
      epochs,
      train: 400,
      candidates: [
        { hidden: 64, layers: 1, lr: 0.1 },
        { hidden: 8, layers: 1, lr: 0.05 },
      ],
    });
    expect(results).toHaveLength(2);
    const stopped = results.filter((r) => r.epochsTrained < epochs);
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) expect(r.fitness.val_acc?.source).toBe('predicted');
    for (const r of results.filter((x) => x.epochsTrained === epochs))
      expect(r.fitness.val_acc?.source).toBe('measured');
    expect(summary.trials.map((t) => t.cost.epochs)).toEqual(results.map((r) => r.epochsTrained));
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
  });
});
