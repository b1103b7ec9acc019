// What makes the hill climber and the toy problem nameable in a JSON or YAML config: `.penguinrc.yaml` lists this
// file under `packages`, and `penguin run` loads its `penguinPackage` like a published npm package's.
import { defineSearcher, defineSpaceEntry, defineTrainer, type PenguinPackage } from '@penguin-nas/core';
import { z } from 'zod';
import { hillClimber } from './hill-climber.js';
import { toySpace, toyTrainer } from './toy-problem.js';

export const penguinPackage: PenguinPackage = {
  searchers: [
    defineSearcher({
      name: 'hill-climber',
      description: 'Stochastic hill climbing with random restarts',
      options: z.strictObject({
        patience: z.int().min(1).optional().describe('Neighbours tried without improvement before a restart'),
      }),
      create: (options) => hillClimber(options.patience === undefined ? {} : { patience: options.patience }),
    }),
  ],
  spaces: [
    defineSpaceEntry({
      name: 'toy-cnn',
      description: 'A small CNN-like space (blocks, two ops, width, learning rate)',
      options: z.strictObject({}),
      create: () => toySpace,
    }),
  ],
  trainers: [
    defineTrainer({
      name: 'toy-curves',
      description: 'Draws a saturating learning curve per genome in microseconds',
      options: z.strictObject({}),
      create: () => toyTrainer,
    }),
  ],
};
