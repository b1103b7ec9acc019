import { describe, expect, it } from 'vitest';
import { featureLayers, layerCnnSpace } from '../../src/spaces/index.js';

const conv = (i: number, stride = 1) => ({
  [`feature${i}.type`]: 'conv',
  [`feature${i}.filters`]: 8,
  [`feature${i}.kernel`]: 3,
  [`feature${i}.stride`]: stride,
  [`feature${i}.activation`]: 'relu',
});
const pool = (i: number, kind = 'max') => ({ [`feature${i}.type`]: 'pool', [`feature${i}.pool`]: kind });

describe('layerCnnSpace', () => {
  const space = layerCnnSpace({ inputShape: [4, 4, 1], numClasses: 3, featureLayers: { min: 1, max: 3 } });

  it('encodes the length with a depth decision and conditional layer decisions', () => {
    const genome = { features: 2, ...conv(1, 2), ...pool(2), dense: 0 };
    expect(space.validate(genome)).toEqual({ ok: true, genome });
    expect(featureLayers(genome)).toEqual([
      { type: 'conv', filters: 8, kernel: 3, stride: 2, activation: 'relu' },
      { type: 'pool', pool: 'max' },
    ]);
    const extra = { ...genome, ...pool(3) };
    const result = space.validate(extra);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toContain('feature3.type: inactive here (features is 2) but set');
  });

  it('rejects, with the reason, a network whose feature map shrinks below 1x1', () => {
    // 4x4 -> conv stride 2 -> 2x2 -> pool -> 1x1 -> pool: nothing left
    const genome = { features: 3, ...conv(1, 2), ...pool(2), ...pool(3, 'avg'), dense: 0 };
    expect(space.validate(genome)).toEqual({
      ok: false,
      errors: ['node 3: pool 2x2 stride 2 (valid) shrinks 1x1 below 1x1'],
    });
  });

  it('repairs it by dropping the pooling layers that do not fit', () => {
    const genome = { features: 3, ...conv(1, 2), ...pool(2), ...pool(3, 'avg'), dense: 0 };
    const repaired = space.repair(genome);
    expect(repaired.genome).toEqual({ features: 2, ...conv(1, 2), ...pool(2), dense: 0 });
    expect(repaired.repaired).toEqual({
      from: genome,
      reason: 'node 3: pool 2x2 stride 2 (valid) shrinks 1x1 below 1x1',
    });
  });

  it('clamps out-of-range values before fixing the network, and falls back to a convolution when nothing fits', () => {
    const single = layerCnnSpace({ inputShape: [1, 1, 2], numClasses: 2, featureLayers: { min: 1, max: 2 } });
    const repaired = single.repair({ features: 7, ...pool(1), ...pool(2), dense: 0 });
    expect(repaired.genome).toEqual({ features: 1, ...conv(1), dense: 0 });
    expect(single.contains(repaired.genome)).toBe(true);
  });

  it('computes exact static objectives for a hand-checked network', () => {
    const genome = {
      features: 2,
      ...conv(1, 2),
      ...pool(2),
      dense: 1,
      'dense1.units': 32,
      'dense1.activation': 'relu',
      'dense1.dropout': 0.5,
    };
    // conv 3x3 1->8 stride 2 on 4x4 -> 2x2x8; pool -> 1x1x8; flatten 8; dense 8->32; dense 32->3
    expect(space.staticObjectives(genome)).toEqual({
      params: 9 * 8 + 8 + (8 * 32 + 32) + (32 * 3 + 3),
      flops: 4 * 72 + 8 * 32 + 32 * 3,
    });
  });

  it('rejects bad options with the key', () => {
    expect(() => layerCnnSpace({ featureLayers: { min: 3, max: 2 } })).toThrow(
      'space layer-cnn: featureLayers: expected integers 1 <= min <= max, got min 3 and max 2',
    );
    expect(() => layerCnnSpace({ filters: [] })).toThrow(
      'space layer-cnn: filters: expected a non-empty list, got []',
    );
    expect(() => layerCnnSpace({ inputShape: [784] })).toThrow(
      'space layer-cnn: inputShape: expected [height, width, channels], got [784]',
    );
  });
});
