import { type Decision, type Genome, PenguinError } from '@penguin-nas/core';
import { ArchBuilder, type Architecture, type Shape } from '../arch/types.js';
import { assertChoices } from './conditions.js';
import { assertShapeOptions, defineNetworkSpace, type NetworkSpace } from './network-space.js';
import { type TrainingDecisionOptions, trainingDecisions } from './training.js';

export interface MacroCnnSpaceOptions {
  /** Default [28, 28, 1]. */
  readonly inputShape?: Shape;
  /** Default 10. */
  readonly numClasses?: number;
  /** Phases, each followed by 2x2 pooling except the last; default 3 (NSGA-Net). */
  readonly phases?: number;
  /** Nodes per phase; default 6 (NSGA-Net macro space). */
  readonly nodes?: number;
  /** Channel choices of each phase; default [16, 32, 64]. */
  readonly channels?: readonly number[];
  /** Hidden units of the head before the class scores (0 = none); default [0, 64, 128]. */
  readonly headUnits?: readonly number[];
  /** Dropout before the class scores; default [0, 0.25, 0.5]. */
  readonly headDropout?: readonly number[];
  readonly training?: TrainingDecisionOptions;
}

/** One phase as its bits describe it. */
export interface PhaseGraph {
  /** `edges[j]` lists the predecessors i < j of node j (0-based nodes). */
  readonly edges: readonly (readonly number[])[];
  /** Nodes with at least one connection; isolated nodes are dropped (Genetic CNN). */
  readonly active: readonly boolean[];
  /** The extra NSGA-Net bit: add the phase input to its output. */
  readonly skip: boolean;
}

/** Bits per phase: one per node pair (i < j), in Genetic CNN order (1-2, 1-3, 2-3, 1-4, …), then the skip bit. */
export function phaseBits(nodes: number): number {
  return (nodes * (nodes - 1)) / 2 + 1;
}

/** Decodes one phase's bit string. */
export function decodePhase(bits: string, nodes: number): PhaseGraph {
  const edges: number[][] = Array.from({ length: nodes }, () => []);
  const active = new Array<boolean>(nodes).fill(false);
  let k = 0;
  for (let j = 1; j < nodes; j++) {
    for (let i = 0; i < j; i++) {
      if (bits[k++] === '1') {
        (edges[j] as number[]).push(i);
        active[i] = true;
        active[j] = true;
      }
    }
  }
  return { edges, active, skip: bits[k] === '1' };
}

/**
 * NSGA-Net's macro space (after Genetic CNN): `phases` phases of `nodes` nodes; `phase<s>.bits` says which node
 * feeds which, plus a skip bit; `phase<s>.channels` sets the width. In a phase: a 1x1 projection to the phase
 * width (conv-BN-ReLU); each connected node is conv3x3-BN-ReLU over the sum of its predecessors (the projection
 * when it has none); the phase output is the sum of the nodes nobody consumes, plus the projection when the
 * skip bit is set; a phase with no connected node is a single conv3x3-BN-ReLU. Phases are joined by `pool`
 * (2x2, stride 2); the head is global average pooling, an optional dense layer, dropout and the class scores.
 */
export function macroCnnSpace(options: MacroCnnSpaceOptions = {}): NetworkSpace {
  const name = 'macro-cnn';
  const inputShape = options.inputShape ?? [28, 28, 1];
  const numClasses = options.numClasses ?? 10;
  const phases = options.phases ?? 3;
  const nodes = options.nodes ?? 6;
  const channels = options.channels ?? [16, 32, 64];
  const headUnits = options.headUnits ?? [0, 64, 128];
  const headDropout = options.headDropout ?? [0, 0.25, 0.5];
  assertShapeOptions(name, inputShape, numClasses);
  if (inputShape.length !== 3) {
    throw new PenguinError(
      'SPACE_ERROR',
      `space ${name}: inputShape: expected [height, width, channels], got ${JSON.stringify(inputShape)}`,
    );
  }
  if (!Number.isInteger(phases) || phases < 1) {
    throw new PenguinError('SPACE_ERROR', `space ${name}: phases: expected an integer >= 1, got ${phases}`);
  }
  if (!Number.isInteger(nodes) || nodes < 2) {
    throw new PenguinError('SPACE_ERROR', `space ${name}: nodes: expected an integer >= 2, got ${nodes}`);
  }
  const smallest = Math.min(inputShape[0] as number, inputShape[1] as number);
  if (smallest < 2 ** (phases - 1)) {
    throw new PenguinError(
      'SPACE_ERROR',
      `space ${name}: phases: ${phases} phases pool ${phases - 1} times, which shrinks a ${inputShape[0]}x${inputShape[1]} input below 1x1; use at most ${Math.floor(Math.log2(smallest)) + 1}`,
    );
  }
  for (const [key, list] of Object.entries({ channels, headUnits, headDropout }))
    assertChoices(name, key, list);

  const decisions: Decision[] = [];
  for (let s = 1; s <= phases; s++) {
    decisions.push(
      { kind: 'bits', name: `phase${s}.bits`, length: phaseBits(nodes) },
      { kind: 'categorical', name: `phase${s}.channels`, choices: channels },
    );
  }
  decisions.push(
    { kind: 'categorical', name: 'pool', choices: ['max', 'avg'] },
    { kind: 'categorical', name: 'head.units', choices: headUnits },
    { kind: 'categorical', name: 'head.dropout', choices: headDropout },
    ...trainingDecisions(options.training),
  );

  const convBnRelu = (arch: ArchBuilder, filters: number, kernel: number, input: number): number => {
    arch.add(
      { kind: 'conv', filters, kernel, stride: 1, padding: 'same', activation: 'linear', useBias: false },
      [input],
    );
    arch.add({ kind: 'batchnorm' });
    return arch.add({ kind: 'activation', activation: 'relu' });
  };
  const sum = (arch: ArchBuilder, inputs: readonly number[]): number =>
    inputs.length === 1 ? (inputs[0] as number) : arch.add({ kind: 'add' }, inputs);

  const decode = (genome: Genome): Architecture => {
    const arch = new ArchBuilder(inputShape);
    for (let s = 1; s <= phases; s++) {
      const width = genome[`phase${s}.channels`] as number;
      const graph = decodePhase(genome[`phase${s}.bits`] as string, nodes);
      const projection = convBnRelu(arch, width, 1, arch.last);
      const outputs: number[] = [];
      const consumed = new Array<boolean>(nodes).fill(false);
      for (const preds of graph.edges) for (const i of preds) consumed[i] = true;
      for (let j = 0; j < nodes; j++) {
        if (!graph.active[j]) continue;
        const preds = (graph.edges[j] as number[]).map((i) => outputs[i] as number);
        outputs[j] = convBnRelu(arch, width, 3, preds.length === 0 ? projection : sum(arch, preds));
      }
      const leaves = outputs.filter((node, j) => node !== undefined && !consumed[j]);
      if (leaves.length === 0) leaves.push(convBnRelu(arch, width, 3, projection));
      if (graph.skip) leaves.push(projection);
      const phaseOutput = sum(arch, leaves);
      if (s < phases) {
        const type = genome.pool as 'max' | 'avg';
        arch.add({ kind: 'pool', type, size: 2, stride: 2, padding: 'valid' }, [phaseOutput]);
      }
    }
    arch.add({ kind: 'globalAvgPool' });
    const units = genome['head.units'] as number;
    if (units > 0) arch.add({ kind: 'dense', units, activation: 'relu' });
    const rate = genome['head.dropout'] as number;
    if (rate > 0) arch.add({ kind: 'dropout', rate });
    arch.add({ kind: 'dense', units: numClasses, activation: 'linear' });
    return arch.build();
  };

  return defineNetworkSpace({ name, inputShape, numClasses, decisions, decode });
}
