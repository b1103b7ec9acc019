import { describe, expect, it } from 'vitest';
import { readTarMembers } from '../../src/datasets/index.js';
import { tarBytes } from './fixtures.js';

const text = (s: string) => new TextEncoder().encode(s);
const read = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('readTarMembers', () => {
  it('returns the wanted regular files only, whatever their size relative to the 512-byte blocks', () => {
    const big = new Uint8Array(1300).fill(7);
    const archive = tarBytes(
      [
        { name: 'd/a.bin', data: text('alpha') },
        { name: 'd/big.bin', data: big },
        { name: 'd/b.bin', data: text('beta') },
      ],
      'd',
    );
    const found = readTarMembers(archive, 'x.tar', ['d/b.bin', 'd/big.bin', 'd/missing.bin']);
    expect([...found.keys()].sort()).toEqual(['d/b.bin', 'd/big.bin']);
    expect(read(found.get('d/b.bin'))).toBe('beta');
    expect(found.get('d/big.bin')).toEqual(big);
  });

  it('joins the ustar prefix, follows GNU long names and pax paths, and ignores a leading ./', () => {
    const longName = `${'deep/'.repeat(25)}file.bin`;
    const archive = tarBytes([
      { name: 'p.bin', prefix: 'pre/fix', data: text('prefixed') },
      { name: '././@LongLink', type: 'L', data: text(`${longName}\0`) },
      { name: 'truncated', data: text('long') },
      { name: 'PaxHeaders/x', type: 'x', data: text('22 path=pax/named.bin\n') },
      { name: 'short', data: text('pax') },
      { name: './dot/slash.bin', data: text('dot') },
    ]);
    const found = readTarMembers(archive, 'x.tar', [
      'pre/fix/p.bin',
      longName,
      'pax/named.bin',
      'dot/slash.bin',
    ]);
    expect(read(found.get('pre/fix/p.bin'))).toBe('prefixed');
    expect(read(found.get(longName))).toBe('long');
    expect(read(found.get('pax/named.bin'))).toBe('pax');
    expect(read(found.get('dot/slash.bin'))).toBe('dot');
  });

  it('rejects what is not a tar archive, and a truncated entry', () => {
    expect(() => readTarMembers(new Uint8Array(512).fill(65), 'cifar.tar.gz', ['x'])).toThrow(
      "cifar.tar.gz: tar entry at byte 0: expected an octal size, got 'AAAAAAAAAAAA' (not a tar archive?)",
    );
    const archive = tarBytes([{ name: 'a', data: new Uint8Array(2000) }]);
    expect(() => readTarMembers(archive.subarray(0, 1024), 'c.tar', ['a'])).toThrow(
      'c.tar: tar entry at byte 0: expected 2000 bytes of data, got 512',
    );
  });
});
