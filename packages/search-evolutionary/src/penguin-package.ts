/** Makes `nsga2` and `regularized-evolution` nameable in config files (`searcher: { name: 'nsga2', … }`). */
import { defineSearcher, type PenguinPackage } from '@penguin-nas/core';
import { nsga2, nsga2Options } from './nsga2.js';
import { regularizedEvolution, regularizedEvolutionOptions } from './regularized-evolution.js';

export const nsga2Definition = defineSearcher({
  name: 'nsga2',
  description:
    'NSGA-II multi-objective genetic algorithm (NSGA-Net): non-dominated sorting, crowding, elitism',
  options: nsga2Options,
  create: (options) => nsga2(options),
});

export const regularizedEvolutionDefinition = defineSearcher({
  name: 'regularized-evolution',
  description: 'Regularized (aging) evolution (Real et al. 2019) for one objective',
  options: regularizedEvolutionOptions,
  create: (options) => regularizedEvolution(options),
});

export const penguinPackage: PenguinPackage = {
  searchers: [nsga2Definition, regularizedEvolutionDefinition],
};
