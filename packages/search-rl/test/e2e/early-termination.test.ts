import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ReinforceSearcher, reinforce } from '../../src/reinforce.js';
import { runOnNb201, sourceText } from './nb201-run.js';

const MAX_EPOCHS = 60;

describe('early termination on NB201 curves, searcher unchanged', () => {
  it('the searchers source never refers to the predictor', () => {
    const src = sourceText(fileURLToPath(new URL('../../src', import.meta.url)));
    expect(src.length).toBeGreaterThan(1000);
    expect(src).not.toMatch(/predictor/i);
  });

  it('reinforce receives predicted fitness for trials stopped early and learns from it', async () => {
    let searcher: ReinforceSearcher | undefined;
    const factory = reinforce({ batchSize: 4, hiddenSize: 16, rewardScale: 0.01 });
    const { summary, told } = await runOnNb201(
      (context) => {
        searcher = factory(context);
        return searcher;
      },
      { trials: 12, maxEpochs: MAX_EPOCHS },
    );
    expect(told).toHaveLength(12);
    const stopped = told.filter((t) => t.status === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    for (const t of stopped) {
      expect(t.source).toBe('predicted');
      expect(t.epochs).toBeLessThan(MAX_EPOCHS);
    }
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
    expect(searcher?.updates).toBe(3);
    searcher?.dispose();
  });
});
