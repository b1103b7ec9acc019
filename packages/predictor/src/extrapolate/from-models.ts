import type { Direction } from '@penguin-nas/core';
import { PenguinError } from '@penguin-nas/core';
import { fitCurve, fitEnsemble } from '../fit/index.js';
import {
  builtinModelNames,
  builtinModels,
  type CurveModel,
  isBuiltinModelName,
  modelFromFormula,
} from '../models/index.js';
import type { ResolvedFit } from '../options/defaults.js';
import type { ModelSpec } from '../options/schema.js';
import type { Extrapolation, Extrapolator, FitMember } from './types.js';

type SingleSpec = Exclude<ModelSpec, readonly unknown[]>;

/** The CurveModel a single spec names: a built-in family, a formula compiled by mathjs, or the object itself. */
export function resolveModel(spec: SingleSpec, where = 'predictor.model'): CurveModel {
  if (typeof spec === 'string') {
    if (!isBuiltinModelName(spec)) {
      throw new PenguinError(
        'CONFIG_ERROR',
        `${where}: expected one of ${builtinModelNames.map((n) => `'${n}'`).join(', ')}, got '${spec}'`,
      );
    }
    return builtinModels[spec];
  }
  if ('formula' in spec && typeof spec.formula === 'string') {
    try {
      return modelFromFormula(spec as Parameters<typeof modelFromFormula>[0]);
    } catch (error) {
      throw new PenguinError(
        'CONFIG_ERROR',
        `${where}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return spec as unknown as CurveModel;
}

/** Every model a spec names (one, or the list of an ensemble). */
export function resolveModels(spec: ModelSpec): CurveModel[] {
  return Array.isArray(spec)
    ? spec.map((s, i) => resolveModel(s as SingleSpec, `predictor.model.${i}`))
    : [resolveModel(spec as SingleSpec)];
}

function paramsByName(model: CurveModel, values: readonly number[]): Record<string, number> {
  return Object.fromEntries(model.params.map((name, i) => [name, values[i] as number]));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The extrapolator for a model spec: one family is fitted alone (no spread), several form an ensemble weighted
 * by fit quality (spread = the members' weighted standard deviation). Decreasing metrics are fitted as their
 * negation mirrored into the increasing families' domain (see the README).
 */
export function createExtrapolator(
  spec: ModelSpec,
  fit: ResolvedFit,
  range: readonly [number, number],
): Extrapolator {
  const models = resolveModels(spec);
  const label = models.map((m) => m.name).join('+');
  const fitOptions = {
    maxIterations: fit.maxIterations,
    seed: fit.seed,
    ...(fit.starts === 'all' ? {} : { starts: fit.starts }),
    ...(fit.dataScale === 'auto' ? {} : { dataScale: fit.dataScale }),
  };
  const { warm } = fit;

  /**
   * One family: a single warm start from the trial's previous parameters (a few iterations), the full
   * multi-start without a previous fit (the caller leaves it out on every `refitEvery`-th fit of a trial) or
   * when the warm fit fails.
   */
  function fitSingle(
    model: CurveModel,
    xs: readonly number[],
    ys: readonly number[],
    direction: Direction,
    previous: readonly FitMember[] | undefined,
  ) {
    const before = previous?.find((m) => m.model === model.name);
    const warmStart =
      before === undefined ? undefined : model.params.map((name) => before.params[name] as number);
    const full = () => fitCurve(model, xs, ys, { ...fitOptions, direction });
    if (!warm || warmStart === undefined || !warmStart.every(Number.isFinite)) {
      return full();
    }
    const quick = fitCurve(model, xs, ys, { ...fitOptions, direction, starts: 1, warmStart });
    return quick.ok ? quick : full();
  }

  return {
    label,
    extrapolate(xs, ys, targetX, direction: Direction, previous?: readonly FitMember[]): Extrapolation {
      try {
        if (models.length === 1) {
          const model = models[0] as CurveModel;
          const result = fitSingle(model, xs, ys, direction, previous);
          if (!result.ok) return { ok: false, reason: `${model.name}: ${result.reason}`, members: [] };
          const members: FitMember[] = [
            { model: model.name, weight: 1, params: paramsByName(model, result.params) },
          ];
          return { ok: true, value: result.evaluate(targetX), spread: null, members };
        }
        const result = fitEnsemble(models, xs, ys, targetX, {
          ...fitOptions,
          direction,
          weighting: fit.weighting,
          range,
        });
        const members: FitMember[] = result.members
          .filter((m) => m.weight > 0)
          .map((m) => ({ model: m.model, weight: m.weight, params: m.params }));
        if (!result.ok) return { ok: false, reason: result.reason, members };
        return { ok: true, value: result.prediction, spread: result.spread, members };
      } catch (error) {
        return { ok: false, reason: `${label}: fit threw: ${describe(error)}`, members: [] };
      }
    },
  };
}
