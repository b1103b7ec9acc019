// `penguin run` in this folder (or `npm start`) finds this file. The searcher is our own hill climber;
// `predictor: true` is all it takes to give it early termination.
import { defineConfig } from '@penguin-nas/cli';
import { hillClimber } from './src/hill-climber.js';
import { toySpace, toyTrainer } from './src/toy-problem.js';

export default defineConfig({
  space: toySpace,
  trainer: toyTrainer,
  searcher: hillClimber({ patience: 6 }),
  predictor: true,
  objectives: [{ name: 'val_acc', direction: 'maximize' }],
  maxEpochs: 40,
  budget: { trials: Number(process.env.PENGUIN_TRIALS ?? 40) },
  seed: 1,
});
