import { describeSearcher } from '@penguin-nas/core/testing';
import { reinforce } from '../src/reinforce.js';

describeSearcher('reinforce', reinforce({ floatBins: 4, batchSize: 4, hiddenSize: 8 }));
