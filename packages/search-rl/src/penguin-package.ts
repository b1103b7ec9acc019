/** Makes `reinforce` nameable in config files (`searcher: { name: 'reinforce', batchSize: 8 }`). */
import { defineSearcher, type PenguinPackage } from '@penguin-nas/core';
import { reinforceOptions } from './options.js';
import { reinforce } from './reinforce.js';

export const reinforceDefinition = defineSearcher({
  name: 'reinforce',
  description:
    'REINFORCE with an LSTM controller (Zoph & Le 2017, ENAS), moving-average baseline, entropy bonus',
  options: reinforceOptions,
  create: (options) => reinforce(options),
});

export const penguinPackage: PenguinPackage = { searchers: [reinforceDefinition] };
