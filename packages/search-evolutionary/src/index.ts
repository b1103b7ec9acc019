export { SeenGenomes } from '@penguin-nas/core';
export { type FrontMember, type Nsga2Options, type Nsga2Searcher, nsga2, nsga2Options } from './nsga2.js';
export { costs, pickObjective } from './objectives.js';
export { canChange, crossover, mutate, mutateOne, perturbValue } from './operators.js';
export { crowdingDistance, dominates, nonDominatedSort, rankAndCrowding, selectSurvivors } from './pareto.js';
export { nsga2Definition, penguinPackage, regularizedEvolutionDefinition } from './penguin-package.js';
export {
  type RegularizedEvolutionOptions,
  regularizedEvolution,
  regularizedEvolutionOptions,
} from './regularized-evolution.js';
