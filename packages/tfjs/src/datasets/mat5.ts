import { TextDecoder } from 'node:util';
import { inflateSync } from 'node:zlib';
import { formatError } from './errors.js';

/**
 * A reader for the numeric-array subset of MATLAB Level 5 MAT-files (MATLAB's `-v6`/`-v7` formats, which
 * SVHN's format-2 files use), written from MathWorks' "MAT-File Format" description:
 *
 * - a 128-byte header: descriptive text starting with `MATLAB 5.0 MAT-file`, a subsystem offset, the
 *   version 0x0100, and the endian indicator `IM` (little-endian) or `MI` (big-endian);
 * - then data elements, each an 8-byte tag (uint32 type, uint32 byte count) and data padded to 8 bytes, or a
 *   "small" element packed in 8 bytes (byte count in the tag's upper 16 bits, at most 4 data bytes);
 * - `miCOMPRESSED` (15) elements hold a zlib stream of further elements (no padding after them);
 * - `miMATRIX` (14) elements hold: array flags (class in the low byte, complex 0x0800, logical 0x0200),
 *   dimensions (int32), the name (int8), the real part and, if complex, the imaginary part. The parts may be
 *   stored in a narrower type than the class (MATLAB saves a double array of small integers as uint8).
 *
 * Read: numeric classes double, single and 8/16/32-bit integers, real or complex (the real part is kept).
 * Skipped: cells, structs, objects, chars, sparse arrays and 64-bit integers (a request for one by name
 * is an error). Not MAT v7.3 files, which are HDF5 containers.
 */
export type MatNumericClass =
  | 'double'
  | 'single'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32';

export type MatValues =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

export interface MatArray {
  readonly name: string;
  readonly className: MatNumericClass;
  /** Dimensions in MATLAB order; values are column-major (first dimension fastest). */
  readonly dims: readonly number[];
  /** The real part, in the type it was stored in. */
  readonly values: MatValues;
}

const MI_INT8 = 1;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;

const CLASS_NAMES: Record<number, MatNumericClass | string> = {
  1: 'cell',
  2: 'struct',
  3: 'object',
  4: 'char',
  5: 'sparse',
  6: 'double',
  7: 'single',
  8: 'int8',
  9: 'uint8',
  10: 'int16',
  11: 'uint16',
  12: 'int32',
  13: 'uint32',
  14: 'int64',
  15: 'uint64',
};
const NUMERIC = new Set(['double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']);

/** Bytes per value and a constructor for each numeric storage type. */
const STORAGE: Record<
  number,
  { size: number; read: (view: DataView, at: number, le: boolean) => number; make: (n: number) => MatValues }
> = {
  1: { size: 1, read: (v, at) => v.getInt8(at), make: (n) => new Int8Array(n) },
  2: { size: 1, read: (v, at) => v.getUint8(at), make: (n) => new Uint8Array(n) },
  3: { size: 2, read: (v, at, le) => v.getInt16(at, le), make: (n) => new Int16Array(n) },
  4: { size: 2, read: (v, at, le) => v.getUint16(at, le), make: (n) => new Uint16Array(n) },
  5: { size: 4, read: (v, at, le) => v.getInt32(at, le), make: (n) => new Int32Array(n) },
  6: { size: 4, read: (v, at, le) => v.getUint32(at, le), make: (n) => new Uint32Array(n) },
  7: { size: 4, read: (v, at, le) => v.getFloat32(at, le), make: (n) => new Float32Array(n) },
  9: { size: 8, read: (v, at, le) => v.getFloat64(at, le), make: (n) => new Float64Array(n) },
};

interface Tag {
  readonly type: number;
  readonly bytes: number;
  readonly dataAt: number;
  readonly next: number;
}

class Reader {
  readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
    readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(at: number, detail: string): never {
    throw formatError(this.file, `MAT-file byte ${at}: ${detail}`);
  }

  tag(at: number, end: number): Tag {
    if (at + 8 > end) this.fail(at, `expected an 8-byte data element tag, got ${end - at} bytes`);
    const first = this.view.getUint32(at, this.littleEndian);
    if (first >>> 16 !== 0) {
      const bytes = first >>> 16;
      if (bytes > 4) this.fail(at, `expected a small data element of at most 4 bytes, got ${bytes}`);
      return { type: first & 0xffff, bytes, dataAt: at + 4, next: at + 8 };
    }
    const bytes = this.view.getUint32(at + 4, this.littleEndian);
    const dataAt = at + 8;
    const next = first === MI_COMPRESSED ? dataAt + bytes : dataAt + Math.ceil(bytes / 8) * 8;
    if (dataAt + bytes > end) {
      this.fail(at, `expected ${bytes} bytes of element data (type ${first}), got ${end - dataAt}`);
    }
    return { type: first, bytes, dataAt, next: Math.min(next, end) };
  }

  values(tag: Tag, at: number): MatValues {
    const storage = STORAGE[tag.type];
    if (!storage) this.fail(at, `expected numeric data (types 1-7 or 9), got data element type ${tag.type}`);
    if (tag.bytes % storage.size !== 0) {
      this.fail(at, `expected a multiple of ${storage.size} bytes for type ${tag.type}, got ${tag.bytes}`);
    }
    const n = tag.bytes / storage.size;
    if (storage.size === 1) {
      const view = this.bytes.subarray(tag.dataAt, tag.dataAt + n);
      return tag.type === 1 ? new Int8Array(view.buffer, view.byteOffset, n) : view;
    }
    const out = storage.make(n);
    for (let i = 0; i < n; i++)
      out[i] = storage.read(this.view, tag.dataAt + i * storage.size, this.littleEndian);
    return out;
  }

  /** One miMATRIX element's content; undefined for the classes this reader skips. */
  matrix(start: number, end: number, found: Map<string, MatArray>, skipped: Map<string, string>): void {
    if (start === end) return; // an empty array
    const flagsTag = this.tag(start, end);
    if (flagsTag.type !== MI_UINT32 || flagsTag.bytes !== 8) {
      this.fail(
        start,
        `expected array flags (uint32, 8 bytes), got type ${flagsTag.type} with ${flagsTag.bytes} bytes`,
      );
    }
    const flags = this.view.getUint32(flagsTag.dataAt, this.littleEndian);
    const className = CLASS_NAMES[flags & 0xff] ?? `class ${flags & 0xff}`;
    const dimsTag = this.tag(flagsTag.next, end);
    if (dimsTag.type !== MI_INT32)
      this.fail(flagsTag.next, `expected dimensions (int32), got type ${dimsTag.type}`);
    const dims = Array.from(this.values(dimsTag, flagsTag.next));
    const nameTag = this.tag(dimsTag.next, end);
    if (nameTag.type !== MI_INT8)
      this.fail(dimsTag.next, `expected an array name (int8), got type ${nameTag.type}`);
    const name = new TextDecoder().decode(
      this.bytes.subarray(nameTag.dataAt, nameTag.dataAt + nameTag.bytes),
    );
    if (!NUMERIC.has(className)) {
      skipped.set(name, className);
      return;
    }
    const realTag = this.tag(nameTag.next, end);
    const values = this.values(realTag, nameTag.next);
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) {
      this.fail(
        nameTag.next,
        `expected ${expected} values for '${name}' of size ${dims.join('×')}, got ${values.length}`,
      );
    }
    found.set(name, { name, className: className as MatNumericClass, dims, values });
  }

  elements(start: number, end: number, found: Map<string, MatArray>, skipped: Map<string, string>): void {
    for (let at = start; at < end; ) {
      const tag = this.tag(at, end);
      if (tag.type === MI_COMPRESSED) {
        let inflated: Uint8Array;
        try {
          inflated = inflateSync(this.bytes.subarray(tag.dataAt, tag.dataAt + tag.bytes));
        } catch (error) {
          this.fail(at, `expected a zlib stream in a compressed element, got: ${(error as Error).message}`);
        }
        const inner = new Reader(
          inflated,
          `${this.file} (compressed element at byte ${at})`,
          this.littleEndian,
        );
        inner.elements(0, inflated.length, found, skipped);
      } else if (tag.type === MI_MATRIX) {
        this.matrix(tag.dataAt, tag.dataAt + tag.bytes, found, skipped);
      }
      at = tag.next;
    }
  }
}

/** Every numeric array of a MAT v5 file by name, and the names of arrays skipped with their class. */
export function readMat5(
  bytes: Uint8Array,
  file: string,
): { arrays: Map<string, MatArray>; skipped: Map<string, string> } {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(116, bytes.length)));
  if (text.startsWith('MATLAB 7.3')) {
    throw formatError(
      file,
      'expected a MAT v5 file (MATLAB -v6/-v7), got a MAT v7.3 file (HDF5), which is not supported',
    );
  }
  if (bytes.length < 128 || !text.startsWith('MATLAB')) {
    throw formatError(
      file,
      `expected a MAT v5 file whose 128-byte header starts with 'MATLAB', got '${text.slice(0, 20)}'`,
    );
  }
  const endian = String.fromCharCode(bytes[126] as number, bytes[127] as number);
  if (endian !== 'IM' && endian !== 'MI') {
    throw formatError(file, `MAT-file byte 126: expected the endian indicator 'IM' or 'MI', got '${endian}'`);
  }
  const reader = new Reader(bytes, file, endian === 'IM');
  const arrays = new Map<string, MatArray>();
  const skipped = new Map<string, string>();
  reader.elements(128, bytes.length, arrays, skipped);
  return { arrays, skipped };
}
