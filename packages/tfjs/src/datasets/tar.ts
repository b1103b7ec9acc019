import { TextDecoder } from 'node:util';
import { formatError } from './errors.js';

/**
 * Regular files of an (uncompressed) tar archive, for unpacking the CIFAR downloads. Handles POSIX ustar
 * headers (name + prefix), GNU long names (type `L`) and pax `path` records (type `x`); other entry types
 * (directories, links) are skipped. Only the members named in `wanted` are returned, as views into `bytes`.
 */
export function readTarMembers(
  bytes: Uint8Array,
  file: string,
  wanted: readonly string[],
): Map<string, Uint8Array> {
  const want = new Set(wanted.map(normalize));
  const found = new Map<string, Uint8Array>();
  const text = new TextDecoder();
  let longName: string | undefined;
  for (let at = 0; at + 512 <= bytes.length; ) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const size = octal(header.subarray(124, 136), file, at);
    const type = String.fromCharCode(header[156] as number);
    const dataAt = at + 512;
    if (dataAt + size > bytes.length) {
      throw formatError(
        file,
        `tar entry at byte ${at}: expected ${size} bytes of data, got ${bytes.length - dataAt}`,
      );
    }
    const data = bytes.subarray(dataAt, dataAt + size);
    if (type === 'L') {
      longName = cString(data, text);
    } else if (type === 'x') {
      longName = paxPath(text.decode(data)) ?? longName;
    } else {
      const magic = text.decode(header.subarray(257, 262));
      const prefix = magic === 'ustar' ? cString(header.subarray(345, 500), text) : '';
      const name = longName ?? (prefix ? `${prefix}/` : '') + cString(header.subarray(0, 100), text);
      longName = undefined;
      if ((type === '0' || type === '\0') && want.has(normalize(name))) found.set(normalize(name), data);
    }
    at = dataAt + Math.ceil(size / 512) * 512;
  }
  return found;
}

function normalize(name: string): string {
  return name.replace(/^(\.\/)+/, '');
}

function cString(bytes: Uint8Array, text: TextDecoder): string {
  const end = bytes.indexOf(0);
  return text.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function octal(field: Uint8Array, file: string, at: number): number {
  const digits = new TextDecoder().decode(field).replace(/\0.*$/s, '').trim();
  if (!/^[0-7]+$/.test(digits)) {
    throw formatError(
      file,
      `tar entry at byte ${at}: expected an octal size, got '${digits}' (not a tar archive?)`,
    );
  }
  return Number.parseInt(digits, 8);
}

function paxPath(records: string): string | undefined {
  for (const line of records.split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
