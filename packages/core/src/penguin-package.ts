import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { readCurveFile } from './curves/read-curve-file.js';
import { PenguinError } from './errors.js';
import { defineSpaceEntry, defineTrainer, type PenguinPackage } from './registry.js';
import { replayTrainer } from './tabular/replay-trainer.js';
import { type TabularSpace, tabularSpace } from './tabular/tabular-space.js';

const tabularOptions = z.strictObject({
  file: z
    .string()
    .min(1)
    .describe('Curve file (JSON Lines, records with a genome), relative to the config file'),
  staticFields: z.array(z.string()).optional().describe('Numeric record fields exposed as static objectives'),
});

const replayOptions = z.strictObject({
  metrics: z.array(z.string()).min(1).optional().describe('Metrics to replay (default: all of the record)'),
  epochMs: z
    .number()
    .min(0)
    .optional()
    .describe('Milliseconds to wait before each validation point: simulated training time (default 0)'),
});

function isTabular(space: unknown): space is TabularSpace {
  return typeof (space as TabularSpace | undefined)?.recordOf === 'function';
}

/** Makes `space: { name: 'tabular', file }` and `trainer: 'replay'` resolvable in config files. */
export const penguinPackage: PenguinPackage = {
  spaces: [
    defineSpaceEntry({
      name: 'tabular',
      description:
        'The recorded genomes of a curve file; a genome outside it is repaired to the nearest recorded one',
      options: tabularOptions,
      async create(options, context) {
        const file = isAbsolute(options.file) ? options.file : resolve(context.configDir, options.file);
        return tabularSpace(
          await readCurveFile(file),
          options.staticFields ? { staticFields: options.staticFields } : {},
        );
      },
    }),
  ],
  trainers: [
    defineTrainer({
      name: 'replay',
      description: 'Trains nothing: replays the recorded curve of a tabular space epoch by epoch',
      options: replayOptions,
      create(options, context) {
        if (!isTabular(context.space)) {
          throw new PenguinError(
            'CONFIG_ERROR',
            `trainer: "replay" needs space "tabular" (recorded curves to replay), got space "${context.space.name}"`,
          );
        }
        return replayTrainer(context.space, {
          ...(options.metrics ? { metrics: options.metrics } : {}),
          ...(options.epochMs ? { epochMs: options.epochMs } : {}),
        });
      },
    }),
  ],
};
