import { gunzipSync } from 'node:zlib';
import { formatError } from './errors.js';

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The content of a file that may or may not be gzip-compressed (decided by its magic number, not its name). */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw formatError(file, `expected a valid gzip stream, got: ${(error as Error).message}`);
  }
}
