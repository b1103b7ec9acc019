export { penguinPackage } from './penguin-package.js';
export { type RandomSearcherOptions, randomSearcher } from './random-searcher.js';
