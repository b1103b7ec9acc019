import { describe, expect, it } from 'vitest';
import { decodePhase, macroCnnSpace, phaseBits } from '../../src/spaces/index.js';

describe('decodePhase (Genetic CNN order, NSGA-Net skip bit)', () => {
  it('reads node pairs 1-2, 1-3, 2-3, 1-4, … then the skip bit', () => {
    expect(phaseBits(4)).toBe(7);
    const graph = decodePhase('1010001', 4);
    // bits: (0,1)=1 (0,2)=0 (1,2)=1 (0,3)=0 (1,3)=0 (2,3)=0, skip=1
    expect(graph.edges).toEqual([[], [0], [1], []]);
    expect(graph.active).toEqual([true, true, true, false]);
    expect(graph.skip).toBe(true);
  });
});

describe('macroCnnSpace', () => {
  const tiny = macroCnnSpace({
    inputShape: [4, 4, 1],
    numClasses: 3,
    phases: 1,
    nodes: 2,
    channels: [2],
    headUnits: [0],
    headDropout: [0],
  });
  const base = { 'phase1.channels': 2, pool: 'max', 'head.units': 0, 'head.dropout': 0 };

  it('has bits and channels per phase, pooling and a head', () => {
    const space = macroCnnSpace();
    expect(space.decisions.map((d) => d.name)).toEqual([
      'phase1.bits',
      'phase1.channels',
      'phase2.bits',
      'phase2.channels',
      'phase3.bits',
      'phase3.channels',
      'pool',
      'head.units',
      'head.dropout',
    ]);
    expect(space.decisions[0]).toMatchObject({ kind: 'bits', length: 16 });
  });

  it('counts parameters and multiply-adds by hand for a chain of two nodes', () => {
    // projection 1x1 (1->2) + BN, node 1 and node 2 conv3x3 (2->2) + BN, global pool, dense 2->3
    expect(tiny.staticObjectives({ ...base, 'phase1.bits': '10' })).toEqual({
      params: 2 + 8 + (36 + 8) * 2 + 9,
      flops: 16 * 2 + 16 * 36 * 2 + 6,
    });
    // the skip bit adds the projection to the output: a sum, no weights
    expect(tiny.staticObjectives({ ...base, 'phase1.bits': '11' })).toEqual(
      tiny.staticObjectives({ ...base, 'phase1.bits': '10' }),
    );
  });

  it('turns a phase without connections into a single convolution', () => {
    const arch = tiny.architecture({ ...base, 'phase1.bits': '00' });
    expect(arch.nodes.filter((n) => n.layer.kind === 'conv')).toHaveLength(2);
    expect(tiny.staticObjectives({ ...base, 'phase1.bits': '00' })).toEqual({
      params: 2 + 8 + 36 + 8 + 9,
      flops: 32 + 576 + 6,
    });
  });

  it('sums the inputs of a node fed by two others and the leaves of the phase', () => {
    const space = macroCnnSpace({ inputShape: [4, 4, 1], numClasses: 3, phases: 1, nodes: 3, channels: [2] });
    // edges 0->2 and 1->2: nodes 0 and 1 read the projection, node 2 sums them
    const arch = space.architecture({ ...base, 'phase1.bits': '0110' });
    const adds = arch.nodes.filter((n) => n.layer.kind === 'add');
    expect(adds).toHaveLength(1);
    expect(adds[0]?.inputs).toHaveLength(2);
  });

  it('rejects more phases than the input can pool, naming the limit', () => {
    expect(() => macroCnnSpace({ inputShape: [4, 4, 1], phases: 4 })).toThrow(
      'space macro-cnn: phases: 4 phases pool 3 times, which shrinks a 4x4 input below 1x1; use at most 3',
    );
    expect(() => macroCnnSpace({ nodes: 1 })).toThrow(
      'space macro-cnn: nodes: expected an integer >= 2, got 1',
    );
    expect(() => macroCnnSpace({ numClasses: 1 })).toThrow(
      'space macro-cnn: numClasses: expected an integer >= 2, got 1',
    );
  });
});
