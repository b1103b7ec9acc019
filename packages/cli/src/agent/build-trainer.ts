/**
 * How `penguin agent` builds a trainer for a trial job: the job carries the coordinator's space, dataset and trainer
 * sections, and this module resolves them through the same registry `penguin run` uses. Agents load it in their
 * trainer processes (see `TrainerBuilderModule` in @penguin-nas/queue).
 */
import { join } from 'node:path';
import { PenguinError, type Trainer } from '@penguin-nas/core';
import { parseConfig } from '../config/load.js';
import { RegistryLoader } from '../registry/sources.js';
import { resolveRun } from '../run/resolve.js';

export async function buildTrainer(
  spec: Readonly<Record<string, unknown>>,
  options: { readonly backend?: string },
): Promise<Trainer> {
  const { config, configDir } = spec as { config?: unknown; configDir?: unknown };
  if (typeof config !== 'object' || config === null || typeof configDir !== 'string') {
    throw new PenguinError(
      'CONFIG_ERROR',
      `trial job: expected trainer { config: { space, trainer, maxEpochs… }, configDir }, got ${JSON.stringify(spec).slice(0, 200)}`,
    );
  }
  let trainer = (config as { trainer?: unknown }).trainer;
  if (options.backend !== undefined) {
    trainer =
      typeof trainer === 'string'
        ? { name: trainer, backend: options.backend }
        : { ...(trainer as object), backend: options.backend };
  }
  const loaded = parseConfig(
    { ...config, trainer, searcher: 'random', budget: { trials: 1 } },
    { file: join(configDir, 'trial-job.json'), label: 'trial job' },
  );
  return (await resolveRun(loaded, new RegistryLoader())).trainer;
}
