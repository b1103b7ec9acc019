/**
 * Writers for small dataset files in the exact on-disk formats (IDX, CIFAR binary, MAT v5, tar), written from
 * the format descriptions independently of the readers under test, plus a temporary-directory helper.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';

/** A fresh directory under the system temp dir; `cleanup()` removes it. */
export function tempDir(): { dir: string; write(path: string, bytes: Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'penguin-datasets-'));
  return {
    dir,
    write(path, bytes) {
      const full = join(dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, bytes);
      return full;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The pixel every synthetic image has at (n, row, col, ch): distinct enough to catch any transposition. */
export function pixelAt(n: number, row: number, col: number, ch: number): number {
  return (n * 31 + row * 7 + col * 3 + ch * 101) % 256;
}

/** Labels cycling through the classes, so every class is present in equal measure. */
export function cyclingLabels(count: number, numClasses: number, offset = 0): number[] {
  return Array.from({ length: count }, (_, i) => (i + offset) % numClasses);
}

// ------------------------------------------------------------------ IDX

/** An IDX file of unsigned bytes: 00 00 08 <ndims>, big-endian uint32 sizes, values. */
export function idxBytes(dims: readonly number[], values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(Array.from(values), 4 + 4 * dims.length);
  return out;
}

/** MNIST-style images [count, 28, 28] and labels. */
export function idxPair(labels: readonly number[]): { images: Uint8Array; labels: Uint8Array } {
  const count = labels.length;
  const pixels = new Uint8Array(count * 784);
  for (let n = 0; n < count; n++) {
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++) pixels[n * 784 + r * 28 + c] = pixelAt(n, r, c, 0);
  }
  return { images: idxBytes([count, 28, 28], pixels), labels: idxBytes([count], labels) };
}

/** Writes the four MNIST files into `dir` (gzip-compressed or not). */
export function writeIdxDataset(
  write: (path: string, bytes: Uint8Array) => string,
  dir: string,
  trainLabels: readonly number[],
  testLabels: readonly number[],
  gzip: boolean,
): void {
  const train = idxPair(trainLabels);
  const test = idxPair(testLabels);
  const put = (name: string, bytes: Uint8Array) =>
    write(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  put('train-images-idx3-ubyte', train.images);
  put('train-labels-idx1-ubyte', train.labels);
  put('t10k-images-idx3-ubyte', test.images);
  put('t10k-labels-idx1-ubyte', test.labels);
}

// ------------------------------------------------------------------ CIFAR binary

/** CIFAR binary records: label byte(s), then red, green and blue planes of 32×32, each row by row. */
export function cifarBytes(labels: readonly (readonly number[])[], firstImage = 0): Uint8Array {
  const labelBytes = labels[0]?.length ?? 1;
  const record = labelBytes + 3072;
  const out = new Uint8Array(labels.length * record);
  labels.forEach((recordLabels, i) => {
    const at = i * record;
    out.set(recordLabels, at);
    for (let ch = 0; ch < 3; ch++) {
      for (let r = 0; r < 32; r++) {
        for (let c = 0; c < 32; c++)
          out[at + labelBytes + ch * 1024 + r * 32 + c] = pixelAt(firstImage + i, r, c, ch);
      }
    }
  });
  return out;
}

// ------------------------------------------------------------------ MAT v5

export const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  MATRIX: 14,
  COMPRESSED: 15,
};
export const MX = { CELL: 1, CHAR: 4, DOUBLE: 6, SINGLE: 7, UINT8: 9, INT16: 10, INT32: 12 };

const SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 9: 8 };

function encodeValues(type: number, values: ArrayLike<number>, le: boolean): Uint8Array {
  const size = SIZES[type] as number;
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const at = i * size;
    if (type === MI.INT8) view.setInt8(at, v);
    else if (type === MI.UINT8) view.setUint8(at, v);
    else if (type === MI.INT16) view.setInt16(at, v, le);
    else if (type === MI.UINT16) view.setUint16(at, v, le);
    else if (type === MI.INT32) view.setInt32(at, v, le);
    else if (type === MI.UINT32) view.setUint32(at, v, le);
    else if (type === MI.SINGLE) view.setFloat32(at, v, le);
    else view.setFloat64(at, v, le);
  }
  return out;
}

/** A data element: 8-byte tag and data padded to 8 bytes, or the packed small form for at most 4 bytes. */
export function matElement(type: number, data: Uint8Array, le: boolean, allowSmall = true): Uint8Array {
  if (allowSmall && data.length <= 4 && type !== MI.MATRIX && type !== MI.COMPRESSED) {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setUint32(0, (data.length << 16) | type, le);
    out.set(data, 4);
    return out;
  }
  const padded = type === MI.COMPRESSED ? data.length : Math.ceil(data.length / 8) * 8;
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, le);
  view.setUint32(4, data.length, le);
  out.set(data, 8);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface MatMatrixSpec {
  name: string;
  classId: number;
  dims: readonly number[];
  /** Storage type of the real part (may be narrower than the class). */
  type: number;
  real: ArrayLike<number>;
  imag?: ArrayLike<number>;
}

/** An miMATRIX element for a numeric array. */
export function matMatrix(spec: MatMatrixSpec, le: boolean): Uint8Array {
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, spec.classId | (spec.imag ? 0x0800 : 0), le);
  const parts = [
    matElement(MI.UINT32, flags, le, false),
    matElement(MI.INT32, encodeValues(MI.INT32, spec.dims, le), le, false),
    matElement(MI.INT8, new TextEncoder().encode(spec.name), le),
    matElement(spec.type, encodeValues(spec.type, spec.real, le), le),
    ...(spec.imag ? [matElement(spec.type, encodeValues(spec.type, spec.imag, le), le)] : []),
  ];
  return matElement(MI.MATRIX, concat(parts), le);
}

/** An miMATRIX of a class this reader skips (a 1×n char array), to check it is passed over. */
export function matChar(name: string, text: string, le: boolean): Uint8Array {
  const flags = new Uint8Array(8);
  new DataView(flags.buffer).setUint32(0, MX.CHAR, le);
  const codes = Array.from(text, (ch) => ch.charCodeAt(0));
  return matElement(
    MI.MATRIX,
    concat([
      matElement(MI.UINT32, flags, le, false),
      matElement(MI.INT32, encodeValues(MI.INT32, [1, codes.length], le), le, false),
      matElement(MI.INT8, new TextEncoder().encode(name), le),
      matElement(MI.UINT16, encodeValues(MI.UINT16, codes, le), le),
    ]),
    le,
  );
}

/** Wraps an element in an miCOMPRESSED element (zlib stream). */
export function matCompressed(element: Uint8Array, le: boolean): Uint8Array {
  return matElement(MI.COMPRESSED, deflateSync(element), le);
}

/** A whole MAT v5 file: the 128-byte header (text, subsystem offset, version 0x0100, endian indicator) and elements. */
export function matFile(
  elements: readonly Uint8Array[],
  le: boolean,
  headerText = 'MATLAB 5.0 MAT-file, written by a Penguin test',
): Uint8Array {
  const header = new Uint8Array(128).fill(0x20);
  header.set(new TextEncoder().encode(headerText).subarray(0, 116));
  header.fill(0, 116, 124);
  const view = new DataView(header.buffer);
  view.setUint16(124, 0x0100, le);
  view.setUint16(126, 0x4d49, le); // 'MI' as a uint16 in the file's byte order: reads 'IM' when little-endian
  return concat([header, ...elements]);
}

/** SVHN format 2: X uint8 32×32×3×N (column-major) and y N×1 in 1..10 (stored as uint8 with class double, as MATLAB does). */
export function svhnMat(
  digits: readonly number[],
  options: { compress: boolean; le: boolean; firstImage?: number },
): Uint8Array {
  const count = digits.length;
  const x = new Uint8Array(3072 * count);
  for (let n = 0; n < count; n++) {
    for (let ch = 0; ch < 3; ch++) {
      for (let c = 0; c < 32; c++) {
        for (let r = 0; r < 32; r++)
          x[r + 32 * c + 1024 * ch + 3072 * n] = pixelAt((options.firstImage ?? 0) + n, r, c, ch);
      }
    }
  }
  const le = options.le;
  const xElement = matMatrix(
    { name: 'X', classId: MX.UINT8, dims: [32, 32, 3, count], type: MI.UINT8, real: x },
    le,
  );
  const labels = digits.map((d) => (d === 0 ? 10 : d));
  const yElement = matMatrix(
    { name: 'y', classId: MX.DOUBLE, dims: [count, 1], type: MI.UINT8, real: labels },
    le,
  );
  const wrap = (e: Uint8Array) => (options.compress ? matCompressed(e, le) : e);
  return matFile([wrap(xElement), wrap(yElement)], le);
}

// ------------------------------------------------------------------ tar

/** One tar entry: a regular file by default; `type` 'L' (GNU long name), 'x' (pax header) or '5' (directory) otherwise. */
export interface TarEntry {
  name: string;
  data: Uint8Array;
  type?: string;
  /** The ustar prefix field (the name's leading directories, joined with '/'). */
  prefix?: string;
}

/** A ustar archive of the entries (after a directory entry when `directory` is given), ending with two zero blocks. */
export function tarBytes(entries: readonly TarEntry[], directory?: string): Uint8Array {
  const enc = new TextEncoder();
  const header = ({ name, data, type = '0', prefix = '' }: TarEntry) => {
    const h = new Uint8Array(512);
    h.set(enc.encode(name).subarray(0, 100), 0);
    h.set(enc.encode('0000644\0'), 100);
    h.set(enc.encode('0000000\0'), 108);
    h.set(enc.encode('0000000\0'), 116);
    h.set(enc.encode(`${data.length.toString(8).padStart(11, '0')}\0`), 124);
    h.set(enc.encode('00000000000\0'), 136);
    h[156] = type.charCodeAt(0);
    h.set(enc.encode('ustar\0'), 257);
    h.set(enc.encode('00'), 263);
    h.set(enc.encode(prefix).subarray(0, 155), 345);
    h.fill(0x20, 148, 156);
    const sum = h.reduce((a, b) => a + b, 0);
    h.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
    return h;
  };
  const all = directory
    ? [{ name: `${directory}/`, data: new Uint8Array(0), type: '5' }, ...entries]
    : entries;
  const blocks: Uint8Array[] = [];
  for (const entry of all) {
    blocks.push(header(entry));
    const padded = new Uint8Array(Math.ceil(entry.data.length / 512) * 512);
    padded.set(entry.data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  return concat(blocks);
}

// ------------------------------------------------------------------ fetch

/** A fetch that serves `routes` from memory and records every URL asked for; other URLs fail like an offline machine. */
export function fakeFetch(routes: Record<string, Uint8Array | number>): {
  fetch: (
    url: string,
  ) => Promise<{ ok: boolean; status: number; statusText: string; arrayBuffer(): Promise<ArrayBuffer> }>;
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    async fetch(url) {
      calls.push(url);
      const route = routes[url];
      if (route === undefined) {
        throw new TypeError('fetch failed', {
          cause: new Error(`getaddrinfo ENOTFOUND ${new URL(url).host}`),
        });
      }
      if (typeof route === 'number') {
        return {
          ok: false,
          status: route,
          statusText: 'Not Found',
          arrayBuffer: async () => new ArrayBuffer(0),
        };
      }
      const copy = new Uint8Array(route); // a fresh ArrayBuffer (a Buffer may be a view into a shared pool)
      return { ok: true, status: 200, statusText: 'OK', arrayBuffer: async () => copy.buffer };
    },
  };
}
