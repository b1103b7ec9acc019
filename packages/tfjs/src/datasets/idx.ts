import { formatError } from './errors.js';

/**
 * IDX files (MNIST, Fashion-MNIST): a big-endian header `00 00 <type> <ndims>`, then `ndims` uint32 sizes,
 * then the values, first dimension slowest. Only unsigned bytes (type 0x08) are used by these datasets.
 */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Parses an (uncompressed) IDX file of unsigned bytes; `file` names it in errors. */
export function readIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4)
    throw formatError(file, `expected an IDX header of at least 4 bytes, got ${bytes.length}`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw formatError(
      file,
      `expected an IDX file starting with 00 00, got ${hex(bytes[0])} ${hex(bytes[1])} (is it another format?)`,
    );
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw formatError(file, `expected IDX unsigned-byte data (type 0x08), got type ${hex(bytes[2])}`);
  }
  const ndims = bytes[3] as number;
  const headerBytes = 4 + 4 * ndims;
  if (ndims === 0 || bytes.length < headerBytes) {
    throw formatError(
      file,
      `expected an IDX header with ${ndims} dimension sizes, got only ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const values = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + values) {
    throw formatError(
      file,
      `expected ${headerBytes + values} bytes for an IDX array of shape [${dims.join(', ')}], got ${bytes.length}`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

function hex(value: number | undefined): string {
  return `0x${(value ?? 0).toString(16).padStart(2, '0')}`;
}
