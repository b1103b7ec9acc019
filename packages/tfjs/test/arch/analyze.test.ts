import { describe, expect, it } from 'vitest';
import { ArchBuilder, analyzeArchitecture, architectureProblems } from '../../src/arch/index.js';

describe('analyzeArchitecture', () => {
  it('counts parameters and multiply-adds by hand for a small CNN', () => {
    const arch = new ArchBuilder([8, 8, 3]);
    arch.add({
      kind: 'conv',
      filters: 4,
      kernel: 3,
      stride: 1,
      padding: 'same',
      activation: 'relu',
      useBias: true,
    });
    arch.add({ kind: 'pool', type: 'max', size: 2, stride: 2, padding: 'valid' });
    arch.add({
      kind: 'conv',
      filters: 6,
      kernel: 3,
      stride: 2,
      padding: 'valid',
      activation: 'relu',
      useBias: false,
    });
    arch.add({ kind: 'batchnorm' });
    arch.add({ kind: 'flatten' });
    arch.add({ kind: 'dense', units: 5, activation: 'linear' });
    const a = analyzeArchitecture(arch.build());
    // conv1: 8x8x4 out, 3*3*3*4 weights + 4 biases; pool: 4x4x4; conv2 valid stride 2: floor((4-3)/2)+1 = 1 -> 1x1x6
    expect(a.shapes.map((s) => s.join('x'))).toEqual(['8x8x3', '8x8x4', '4x4x4', '1x1x6', '1x1x6', '6', '5']);
    const params = 3 * 3 * 3 * 4 + 4 + 3 * 3 * 4 * 6 + 4 * 6 + 6 * 5 + 5;
    const flops = 8 * 8 * (3 * 3 * 3 * 4) + 1 * 1 * (3 * 3 * 4 * 6) + 6 * 5;
    expect(a.params).toBe(params);
    expect(a.flops).toBe(flops);
  });

  it('names the node whose window shrinks the feature map below 1x1', () => {
    const arch = new ArchBuilder([2, 2, 1]);
    arch.add({ kind: 'pool', type: 'max', size: 2, stride: 2, padding: 'valid' });
    arch.add({ kind: 'pool', type: 'avg', size: 2, stride: 2, padding: 'valid' });
    arch.add({ kind: 'flatten' });
    arch.add({ kind: 'dense', units: 2, activation: 'linear' });
    expect(architectureProblems(arch.build())).toEqual([
      'node 2: pool 2x2 stride 2 (valid) shrinks 1x1 below 1x1',
    ]);
    expect(() => analyzeArchitecture(arch.build())).toThrow('invalid architecture: node 2: pool 2x2');
  });

  it('rejects adds of unequal shapes, dense on feature maps and non-flat outputs', () => {
    const a = new ArchBuilder([4, 4, 1]);
    const c1 = a.add({
      kind: 'conv',
      filters: 2,
      kernel: 1,
      stride: 1,
      padding: 'same',
      activation: 'relu',
      useBias: true,
    });
    const c2 = a.add(
      { kind: 'conv', filters: 3, kernel: 1, stride: 1, padding: 'same', activation: 'relu', useBias: true },
      [0],
    );
    a.add({ kind: 'add' }, [c1, c2]);
    expect(architectureProblems(a.build())).toEqual([
      'node 3: add of unequal shapes [4, 4, 2] and [4, 4, 3]',
    ]);

    const b = new ArchBuilder([4, 4, 1]);
    b.add({ kind: 'dense', units: 3, activation: 'relu' });
    expect(architectureProblems(b.build())).toEqual(['node 1: dense expects a flat input, got [4, 4, 1]']);

    const c = new ArchBuilder([4, 4, 1]);
    c.add({ kind: 'batchnorm' });
    expect(architectureProblems(c.build())).toEqual([
      'output: expected a flat vector of class scores, got [4, 4, 1]',
    ]);
    expect(() => c.add({ kind: 'flatten' }, [7])).toThrow(
      'ArchBuilder.add: input 7 is not an earlier node (0..1)',
    );
  });
});
