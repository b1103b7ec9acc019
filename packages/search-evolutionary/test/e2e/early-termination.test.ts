import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nsga2 } from '../../src/nsga2.js';
import { regularizedEvolution } from '../../src/regularized-evolution.js';
import { runOnNb201, sourceText } from './nb201-run.js';

const MAX_EPOCHS = 60;

describe('early termination on NB201 curves, searcher unchanged', () => {
  it('the searchers source never refers to the predictor', () => {
    const src = sourceText(fileURLToPath(new URL('../../src', import.meta.url)));
    expect(src.length).toBeGreaterThan(1000);
    expect(src).not.toMatch(/predictor/i);
  });

  it.each([
    ['nsga2', nsga2({ populationSize: 6 }), true],
    ['regularized-evolution', regularizedEvolution({ populationSize: 6, sampleSize: 3 }), false],
  ] as const)(
    '%s receives predicted fitness for trials stopped early',
    async (_name, factory, twoObjectives) => {
      const { summary, told } = await runOnNb201(factory, {
        trials: 14,
        maxEpochs: MAX_EPOCHS,
        ...(twoObjectives
          ? {
              objectives: [
                { name: 'val_acc', direction: 'maximize', from: 'curve' },
                { name: 'conv_params', direction: 'minimize', from: 'static' },
              ],
            }
          : {}),
      });
      expect(told).toHaveLength(14);
      const stopped = told.filter((t) => t.status === 'stopped');
      expect(stopped.length).toBeGreaterThan(0);
      for (const t of stopped) {
        expect(t.source).toBe('predicted');
        expect(t.epochs).toBeLessThan(MAX_EPOCHS);
        expect(Number.isFinite(t.value)).toBe(true);
      }
      for (const t of told.filter((x) => x.status === 'completed')) expect(t.source).toBe('measured');
      expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
    },
  );
});
