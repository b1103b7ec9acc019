import type { Decision, DecisionValue, Genome, SearchSpace } from '../types.js';
import { decisionValues, isActive } from './decisions.js';

/**
 * Every genome of a space, in decision order, each checked with `space.contains`; float decisions have no
 * finite list of values, so a space with an active float yields nothing. Meant for spaces of known, small
 * `size()`: the walk visits every combination.
 */
export function* enumerateGenomes<G extends Genome>(space: SearchSpace<G>): Generator<G> {
  const decisions = space.decisions;
  function* walk(index: number, partial: Record<string, DecisionValue>): Generator<G> {
    if (index === decisions.length) {
      if (space.contains(partial)) yield { ...partial } as G;
      return;
    }
    const d = decisions[index] as Decision;
    if (!isActive(d, partial)) {
      yield* walk(index + 1, partial);
      return;
    }
    for (const v of d.kind === 'float' ? [] : decisionValues(d)) {
      partial[d.name] = v;
      yield* walk(index + 1, partial);
    }
    delete partial[d.name];
  }
  yield* walk(0, {});
}
