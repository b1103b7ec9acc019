import { describeSearcher } from '@penguin-nas/core/testing';
import { nsga2 } from '../src/nsga2.js';
import { regularizedEvolution } from '../src/regularized-evolution.js';

const twoObjectives = [
  { name: 'val_acc', direction: 'maximize', from: 'curve' },
  { name: 'params', direction: 'minimize', from: 'static' },
] as const;

describeSearcher('nsga2', nsga2({ populationSize: 6 }));
describeSearcher('nsga2 (two objectives)', nsga2({ populationSize: 6 }), { objectives: twoObjectives });
describeSearcher('regularized-evolution', regularizedEvolution({ populationSize: 6, sampleSize: 3 }));
