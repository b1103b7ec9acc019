import { wasmHost } from '../host.js';
import {
  depthwiseBackpropFilterKernel,
  depthwiseBackpropInputKernel,
  maxPoolGradKernel,
  unsortedSegmentSumKernel,
} from '../loop-kernels.js';
import type { TrainingKernel } from '../register.js';
import { sumLeadingAxesKernel } from '../sum-kernel.js';
import { wasmBatchMatMul } from './batch-matmul.js';
import { wasmConv2DBackpropFilter, wasmConv2DBackpropInput } from './conv2d-xnnpack.js';
import { wasmGatherV2 } from './gather.js';
import { wasmIdentity } from './identity.js';

/**
 * Kernels the wasm backend lacks (Conv2DBackpropFilter, the depthwise gradients, UnsortedSegmentSum) and
 * the ones it has but runs slowly (Conv2DBackpropInput, MaxPoolGrad, BatchMatMul with transposed operands:
 * scalar C loops; GatherV2, which model.fit calls for every batch;
 * Identity, which copies; Sum over leading axes, which transposes first).
 */
export const WASM_TRAINING_KERNELS: readonly TrainingKernel[] = [
  wasmConv2DBackpropFilter,
  wasmConv2DBackpropInput,
  wasmBatchMatMul,
  wasmGatherV2,
  wasmIdentity,
  depthwiseBackpropFilterKernel(wasmHost),
  depthwiseBackpropInputKernel(wasmHost),
  maxPoolGradKernel(wasmHost),
  unsortedSegmentSumKernel(wasmHost),
  sumLeadingAxesKernel(wasmHost),
];
