import { cpuHost } from '../host.js';
import {
  avgPoolGradKernel,
  conv2dBackpropFilterKernel,
  conv2dBackpropInputKernel,
  conv2dKernel,
  depthwiseBackpropFilterKernel,
  depthwiseBackpropInputKernel,
  maxPoolGradKernel,
  unsortedSegmentSumKernel,
} from '../loop-kernels.js';
import type { TrainingKernel } from '../register.js';
import { sumLeadingAxesKernel } from '../sum-kernel.js';

/** Replacements for the stock cpu kernels that dominate a CNN's or an MLP's training step. */
export const CPU_TRAINING_KERNELS: readonly TrainingKernel[] = [
  conv2dKernel(cpuHost),
  conv2dBackpropFilterKernel(cpuHost),
  conv2dBackpropInputKernel(cpuHost),
  depthwiseBackpropFilterKernel(cpuHost),
  depthwiseBackpropInputKernel(cpuHost),
  maxPoolGradKernel(cpuHost),
  avgPoolGradKernel(cpuHost),
  unsortedSegmentSumKernel(cpuHost),
  sumLeadingAxesKernel(cpuHost),
];
