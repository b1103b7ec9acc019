import { fileURLToPath } from 'node:url';
import { loadConfig, RegistryLoader, resolveRun } from '@penguin-nas/cli';
import { Engine, type Genome, type ObjectiveSource, type SearcherFactory } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';

describe('penguin.config.ts', () => {
  it('selects the hill climber, which gains early termination from `predictor: true` alone', async () => {
    const loaded = await loadConfig({
      file: fileURLToPath(new URL('../penguin.config.ts', import.meta.url)),
    });
    const run = await resolveRun(loaded, new RegistryLoader());
    const names: string[] = [];
    const told: { status: string; source: ObjectiveSource | undefined; epochs: number }[] = [];
    const factory = run.searcher as SearcherFactory<Genome>;
    const spied: SearcherFactory<Genome> = (context) => {
      const inner = factory(context);
      names.push(inner.name);
      return {
        name: inner.name,
        ask: (n) => inner.ask(n),
        tell: (trial, fitness) => {
          told.push({ status: trial.status, source: fitness.val_acc?.source, epochs: trial.cost.epochs });
          return inner.tell(trial, fitness);
        },
      };
    };
    const engine = new Engine({ ...run, searcher: spied, budget: { trials: 16 } });
    const summary = await engine.run();
    expect(names).toEqual(['hill-climber']);
    expect(told).toHaveLength(16);
    const stopped = told.filter((t) => t.status === 'stopped');
    expect(stopped.length).toBeGreaterThan(0);
    for (const t of stopped) {
      expect(t.source).toBe('predicted');
      expect(t.epochs).toBeLessThan(run.maxEpochs);
    }
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
  });
});
