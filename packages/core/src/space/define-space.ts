import type { Rng } from '../rng.js';
import type { Decision, Genome, Repair, SearchSpace, ValidationResult } from '../types.js';
import {
  assertDecisions,
  checkValue,
  decisionCardinality,
  decisionValues,
  isActive,
  nearestValue,
  sampleDecision,
} from './decisions.js';

export interface SpaceDefinition<G extends Genome = Genome> {
  readonly name: string;
  readonly decisions: readonly Decision[];
  /** Objectives known before training (parameter count, FLOPs…). */
  readonly staticObjectives?: (genome: G) => Readonly<Record<string, number>>;
  /**
   * Extra validity beyond each decision's range (e.g. a network whose feature map shrinks below 1×1):
   * return the problems, or an empty list.
   */
  readonly check?: (genome: G) => readonly string[];
}

/** A stable key: decision order, JSON values. Equal genomes give equal keys whatever their property order. */
export function genomeKey(decisions: readonly Decision[], genome: Genome): string {
  const parts: string[] = [];
  for (const d of decisions) {
    const v = genome[d.name];
    if (v !== undefined) parts.push(`${d.name}=${JSON.stringify(v)}`);
  }
  return parts.join(';');
}

/**
 * A search space over an ordered list of decisions: categorical, integer, float, log-float and bit-string,
 * each optionally active only when an earlier decision has certain values.
 */
export function defineSpace<G extends Genome = Genome>(definition: SpaceDefinition<G>): SearchSpace<G> {
  const { name, decisions } = definition;
  assertDecisions(name, decisions);
  const byName = new Map(decisions.map((d) => [d.name, d]));

  /** Active decisions in order: a decision is active when its condition holds and the decision it refers to is active too. */
  const activeDecisions = (genome: Genome): Decision[] => {
    const active: Decision[] = [];
    const activeNames = new Set<string>();
    for (const d of decisions) {
      if (d.when && !activeNames.has(d.when.decision)) continue;
      if (!isActive(d, genome)) continue;
      active.push(d);
      activeNames.add(d.name);
    }
    return active;
  };
  /** Activity inside a partial genome built in decision order (only active decisions are present). */
  const isActiveIn = (d: Decision, partial: Genome): boolean => isActive(d, partial);

  const validate = (genome: unknown): ValidationResult<G> => {
    if (typeof genome !== 'object' || genome === null || Array.isArray(genome)) {
      return {
        ok: false,
        errors: [`space ${name}: expected a genome object, got ${JSON.stringify(genome)}`],
      };
    }
    const g = genome as Genome;
    const errors: string[] = [];
    const active = new Set(activeDecisions(g));
    for (const d of decisions) {
      const value = g[d.name];
      if (!active.has(d)) {
        if (value !== undefined)
          errors.push(
            `${d.name}: inactive here (${d.when?.decision} is ${JSON.stringify(g[d.when?.decision ?? ''])}) but set`,
          );
        continue;
      }
      if (value === undefined) {
        errors.push(`${d.name}: missing`);
        continue;
      }
      const problem = checkValue(d, value);
      if (problem) errors.push(problem);
    }
    for (const key of Object.keys(g))
      if (!byName.has(key)) errors.push(`${key}: not a decision of space ${name}`);
    if (errors.length === 0 && definition.check) errors.push(...definition.check(g as G));
    return errors.length === 0 ? { ok: true, genome: g as G } : { ok: false, errors };
  };

  const sample = (rng: Rng): G => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const genome: Record<string, Genome[string]> = {};
      for (const d of decisions) if (isActive(d, genome)) genome[d.name] = sampleDecision(d, rng);
      if (!definition.check || definition.check(genome as G).length === 0) return genome as G;
    }
    throw new Error(`space ${name}: no valid genome in 1000 samples; its check() rejects almost everything`);
  };

  // Decisions that some condition refers to: counting must branch on their values.
  const referenced = new Set(decisions.flatMap((d) => (d.when ? [d.when.decision] : [])));
  let cachedSize: number | undefined | null = null;
  const size = (): number | undefined => {
    if (cachedSize !== null) return cachedSize;
    if (decisions.some((d) => d.kind === 'float') || definition.check) {
      cachedSize = undefined;
      return cachedSize;
    }
    const count = (index: number, partial: Record<string, Genome[string]>): number => {
      if (index === decisions.length) return 1;
      const d = decisions[index] as Decision;
      if (!isActiveIn(d, partial)) return count(index + 1, partial);
      if (!referenced.has(d.name)) return (decisionCardinality(d) ?? Number.NaN) * count(index + 1, partial);
      let total = 0;
      for (const value of decisionValues(d)) total += count(index + 1, { ...partial, [d.name]: value });
      return total;
    };
    cachedSize = count(0, {});
    return cachedSize;
  };

  const repair = (genome: Genome): Repair<G> => {
    const checked = validate(genome);
    if (checked.ok) return { genome: checked.genome };
    const fixed: Record<string, Genome[string]> = {};
    for (const d of decisions) {
      if (!isActive(d, fixed)) continue;
      fixed[d.name] = nearestValue(d, (genome as Record<string, unknown>)[d.name]);
    }
    const again = validate(fixed);
    if (!again.ok) {
      throw new Error(`space ${name}: cannot repair ${JSON.stringify(genome)}: ${again.errors.join('; ')}`);
    }
    return { genome: again.genome, repaired: { from: genome, reason: checked.errors.join('; ') } };
  };

  const space: SearchSpace<G> = {
    name,
    decisions,
    sample,
    validate,
    contains: (genome) => validate(genome).ok,
    key: (genome) => genomeKey(decisions, genome),
    activeDecisions,
    size,
    repair,
  };
  if (definition.staticObjectives) space.staticObjectives = definition.staticObjectives;
  return space;
}
