import type { DataType, TensorInfo } from '@tensorflow/tfjs';

/**
 * How a kernel reaches tensor memory on one backend: `cpu` keeps plain typed arrays, `wasm` keeps tensors
 * on the wasm heap. Allocate every output first, then take views: a wasm view dies when the heap grows.
 */
export interface KernelHost {
  readonly backendName: 'cpu' | 'wasm';
  alloc(backend: unknown, shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  floats(backend: unknown, info: TensorInfo, where: string): Float32Array;
  numbers(backend: unknown, info: TensorInfo, where: string): Float32Array | Int32Array;
  dispose(backend: unknown, info: TensorInfo): void;
}

interface CpuBackendAccess {
  data: { get(dataId: object): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: DataType, values?: Float32Array | Int32Array): TensorInfo;
  disposeIntermediateTensorInfo(info: TensorInfo): void;
}

interface WasmBackendAccess {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
}

function wrongInput(where: string, expected: string, info: TensorInfo): Error {
  return new Error(`${where}: expected ${expected}, got a ${info.dtype} tensor of shape [${info.shape}]`);
}

function numbersOf(values: unknown, info: TensorInfo, where: string): Float32Array | Int32Array {
  if (values instanceof Float32Array || values instanceof Int32Array) return values;
  throw wrongInput(where, 'a float32 or int32 tensor', info);
}

function floatsOf(values: unknown, info: TensorInfo, where: string): Float32Array {
  if (values instanceof Float32Array) return values;
  throw wrongInput(where, 'a float32 tensor', info);
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export const cpuHost: KernelHost = {
  backendName: 'cpu',
  alloc: (backend, shape, dtype) =>
    (backend as CpuBackendAccess).makeTensorInfo(
      shape,
      dtype,
      dtype === 'int32' ? new Int32Array(size(shape)) : new Float32Array(size(shape)),
    ),
  floats: (backend, info, where) =>
    floatsOf((backend as CpuBackendAccess).data.get(info.dataId).values, info, where),
  numbers: (backend, info, where) =>
    numbersOf((backend as CpuBackendAccess).data.get(info.dataId).values, info, where),
  dispose: (backend, info) => (backend as CpuBackendAccess).disposeIntermediateTensorInfo(info),
};

export const wasmHost: KernelHost = {
  backendName: 'wasm',
  alloc: (backend, shape, dtype) => (backend as WasmBackendAccess).makeOutput(shape, dtype),
  floats: (backend, info, where) =>
    floatsOf((backend as WasmBackendAccess).typedArrayFromHeap(info), info, where),
  numbers: (backend, info, where) =>
    numbersOf((backend as WasmBackendAccess).typedArrayFromHeap(info), info, where),
  dispose: (backend, info) => {
    (backend as WasmBackendAccess).disposeData(info.dataId);
  },
};
