export { type Batch, Controller, type ControllerShape, type ControllerWeights } from './controller.js';
export { type Encoding, encodeSpace, MAX_STEP_VALUES, type Step } from './encoding.js';
export {
  type ReinforceOptions,
  type ReinforceState,
  reinforceOptions,
  reinforceStateSchema,
} from './options.js';
export { penguinPackage, reinforceDefinition } from './penguin-package.js';
export { type ReinforceSearcher, reinforce } from './reinforce.js';
