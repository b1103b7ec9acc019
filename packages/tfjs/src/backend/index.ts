export {
  installedTrainingKernels,
  registerTrainingKernels,
  type TrainingKernelBackend,
  unregisterTrainingKernels,
} from '../kernels/index.js';
export { type ModuleLoader, NATIVE_PACKAGES, type NativeChoice } from './native.js';
export {
  BACKEND_CHOICES,
  type BackendChoice,
  type SelectBackendOptions,
  type SelectedBackend,
  selectBackend,
} from './select-backend.js';
export { wasmBinaryDirectory } from './wasm.js';
