import { fileURLToPath } from 'node:url';
import { loadConfig, RegistryLoader, resolveRun } from '@penguin-nas/cli';
import { Engine } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';

describe('.penguinrc.yaml', () => {
  it('names the hill climber and the toy problem through its `packages` key', async () => {
    const loaded = await loadConfig({ cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(loaded.label.endsWith('.penguinrc.yaml')).toBe(true);
    const loader = new RegistryLoader();
    const run = await resolveRun(loaded, loader);
    expect(run.names).toEqual({ searcher: 'hill-climber', space: 'toy-cnn', trainer: 'toy-curves' });
    expect(loader.registry.get('searcher', 'hill-climber')?.source).toBe('./src/penguin-package.ts');
    const summary = await new Engine({ ...run, budget: { trials: 16 } }).run();
    expect(summary.trials).toHaveLength(16);
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
  });
});
