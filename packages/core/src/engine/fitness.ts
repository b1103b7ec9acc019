import { PenguinError } from '../errors.js';
import type { EpochLogs, Fitness, Objective, ObjectiveSpec } from '../types.js';

/** The worst value of a direction: what a failed trial reports. */
export function worstValue(direction: ObjectiveSpec['direction']): number {
  return direction === 'maximize' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** The last finite value of a metric in a curve. */
export function lastValue(curve: readonly EpochLogs[], metric: string): number | undefined {
  for (let i = curve.length - 1; i >= 0; i--) {
    const v = curve[i]?.[metric];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/**
 * The measured fitness of a finished trial: curve objectives take the metric's last value, static objectives
 * their computed value; a failed trial (or a missing value) reports the worst value.
 */
export function measureFitness(
  objectives: readonly ObjectiveSpec[],
  curve: readonly EpochLogs[],
  staticObjectives: Readonly<Record<string, number>>,
  failed: boolean,
): Fitness {
  const fitness: Record<string, Objective> = {};
  for (const spec of objectives) {
    if (spec.from === 'static') {
      const value = staticObjectives[spec.name];
      fitness[spec.name] = {
        value: typeof value === 'number' && Number.isFinite(value) ? value : worstValue(spec.direction),
        direction: spec.direction,
        source: 'static',
      };
      continue;
    }
    const value = failed ? undefined : lastValue(curve, spec.metric ?? spec.name);
    fitness[spec.name] = {
      value: value ?? worstValue(spec.direction),
      direction: spec.direction,
      source: 'measured',
    };
  }
  return Object.freeze(fitness);
}

/** Checks that a tap of `onFitness` returned a fitness with every declared objective. */
export function assertFitness(
  objectives: readonly ObjectiveSpec[],
  fitness: unknown,
  where: string,
): Fitness {
  if (typeof fitness !== 'object' || fitness === null) {
    throw new PenguinError(
      'PLUGIN_ERROR',
      `${where}: expected a fitness object, got ${JSON.stringify(fitness)}`,
    );
  }
  const f = fitness as Record<string, Objective | undefined>;
  for (const spec of objectives) {
    const o = f[spec.name];
    if (!o || typeof o.value !== 'number' || Number.isNaN(o.value)) {
      throw new PenguinError(
        'PLUGIN_ERROR',
        `${where}: expected objective "${spec.name}" with a numeric value, got ${JSON.stringify(o)}`,
      );
    }
  }
  return fitness as Fitness;
}

/** Validates objective specs once, eagerly. */
export function assertObjectives(objectives: readonly ObjectiveSpec[]): void {
  if (!Array.isArray(objectives) || objectives.length === 0) {
    throw new PenguinError('CONFIG_ERROR', 'objectives: expected at least one objective, got none');
  }
  const names = new Set<string>();
  for (const [i, o] of objectives.entries()) {
    if (!o.name) throw new PenguinError('CONFIG_ERROR', `objectives[${i}].name: expected a non-empty string`);
    if (names.has(o.name))
      throw new PenguinError('CONFIG_ERROR', `objectives[${i}].name: duplicate objective "${o.name}"`);
    if (o.direction !== 'maximize' && o.direction !== 'minimize') {
      throw new PenguinError(
        'CONFIG_ERROR',
        `objectives[${i}].direction: expected "maximize" or "minimize", got ${JSON.stringify(o.direction)}`,
      );
    }
    if (o.from !== 'curve' && o.from !== 'static') {
      throw new PenguinError(
        'CONFIG_ERROR',
        `objectives[${i}].from: expected "curve" or "static", got ${JSON.stringify(o.from)}`,
      );
    }
    names.add(o.name);
  }
}

/** Whether `a` is better than `b` for a direction. */
export function isBetter(a: number, b: number, direction: ObjectiveSpec['direction']): boolean {
  return direction === 'maximize' ? a > b : a < b;
}
