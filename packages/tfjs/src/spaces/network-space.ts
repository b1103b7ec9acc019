import { type Decision, defineSpace, type Genome, PenguinError, type SearchSpace } from '@penguin-nas/core';
import { analyzeArchitecture, architectureProblems } from '../arch/analyze.js';
import type { Architecture, Shape } from '../arch/types.js';

/** A search space whose genomes decode to networks: static objectives `params` and `flops` come for free. */
export interface NetworkSpace<G extends Genome = Genome> extends SearchSpace<G> {
  readonly inputShape: Shape;
  readonly numClasses: number;
  /** The network a genome stands for (plain JSON, buildable with `buildModel`). */
  architecture(genome: G): Architecture;
  staticObjectives(genome: G): Readonly<{ params: number; flops: number }>;
}

export interface NetworkSpaceDefinition<G extends Genome> {
  readonly name: string;
  readonly inputShape: Shape;
  readonly numClasses: number;
  readonly decisions: readonly Decision[];
  readonly decode: (genome: G) => Architecture;
  /** Turns an in-range genome whose network cannot be built into one that can (e.g. drops a pooling layer). */
  readonly fixNetwork?: (genome: G) => G;
}

/** Whether a space can decode genomes into networks (the spaces of this package can). */
export function isNetworkSpace(space: SearchSpace<Genome>): space is NetworkSpace<Genome> {
  return typeof (space as Partial<NetworkSpace>).architecture === 'function';
}

/** Checks the options every network space shares. */
export function assertShapeOptions(space: string, inputShape: Shape, numClasses: number): void {
  if (
    !Array.isArray(inputShape) ||
    inputShape.length < 1 ||
    inputShape.some((d) => !Number.isInteger(d) || d < 1)
  ) {
    throw new PenguinError(
      'SPACE_ERROR',
      `space ${space}: inputShape: expected positive integers [height, width, channels], got ${JSON.stringify(inputShape)}`,
    );
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new PenguinError(
      'SPACE_ERROR',
      `space ${space}: numClasses: expected an integer >= 2, got ${numClasses}`,
    );
  }
}

/**
 * Wraps `defineSpace`: the network must be buildable (`check`), static objectives are its exact parameter
 * count and multiply-adds, and `repair` clamps values into range, then fixes the network if it cannot be built.
 */
export function defineNetworkSpace<G extends Genome>(definition: NetworkSpaceDefinition<G>): NetworkSpace<G> {
  const { name, decode } = definition;
  const problems = (genome: G): string[] => architectureProblems(decode(genome));
  const checked = defineSpace<G>({
    name,
    decisions: definition.decisions,
    check: problems,
    staticObjectives: (genome) => {
      const { params, flops } = analyzeArchitecture(decode(genome));
      return { params, flops };
    },
  });
  const ranged = defineSpace<G>({ name, decisions: definition.decisions });

  const repair: SearchSpace<G>['repair'] = (genome) => {
    const first = checked.validate(genome);
    if (first.ok) return { genome: first.genome };
    let fixed = ranged.repair(genome).genome;
    if (definition.fixNetwork && problems(fixed).length > 0) fixed = definition.fixNetwork(fixed);
    const again = checked.validate(fixed);
    if (!again.ok) {
      throw new PenguinError(
        'SPACE_ERROR',
        `space ${name}: cannot repair ${JSON.stringify(genome)}: ${again.errors.join('; ')}`,
      );
    }
    return { genome: again.genome, repaired: { from: genome, reason: first.errors.join('; ') } };
  };

  return {
    ...checked,
    repair,
    inputShape: definition.inputShape,
    numClasses: definition.numClasses,
    architecture: decode,
    staticObjectives: (genome) => {
      const { params, flops } = analyzeArchitecture(decode(genome));
      return { params, flops };
    },
  };
}
