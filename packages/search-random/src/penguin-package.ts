import { defineSearcher, type PenguinPackage } from '@penguin-nas/core';
import { z } from 'zod';
import { randomSearcher } from './random-searcher.js';

const randomOptions = z.strictObject({
  maxRetries: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Samples tried per proposal before the space counts as exhausted'),
});

/** Makes `searcher: { name: 'random' }` resolvable in config files. */
export const penguinPackage: PenguinPackage = {
  searchers: [
    defineSearcher({
      name: 'random',
      description: 'Seeded uniform sampling without duplicates',
      options: randomOptions,
      create: (options) =>
        randomSearcher(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    }),
  ],
};
