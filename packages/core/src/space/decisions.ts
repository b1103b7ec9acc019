import { PenguinError } from '../errors.js';
import type { Rng } from '../rng.js';
import type { Decision, DecisionValue, Genome } from '../types.js';

/** Whether a decision is active for the (partial) genome, following its `when` condition. */
export function isActive(decision: Decision, genome: Genome): boolean {
  if (!decision.when) return true;
  const value = genome[decision.when.decision];
  return value !== undefined && decision.when.in.some((v) => v === value);
}

/** A uniformly random value of one decision. */
export function sampleDecision(decision: Decision, rng: Rng): DecisionValue {
  switch (decision.kind) {
    case 'categorical':
      return rng.pick(decision.choices);
    case 'int': {
      const step = decision.step ?? 1;
      const count = Math.floor((decision.high - decision.low) / step);
      return decision.low + step * rng.int(0, count);
    }
    case 'float':
      if (decision.log) {
        const lo = Math.log(decision.low);
        const hi = Math.log(decision.high);
        return Math.exp(lo + (hi - lo) * rng.next());
      }
      return decision.low + (decision.high - decision.low) * rng.next();
    case 'bits': {
      let bits = '';
      for (let i = 0; i < decision.length; i++) bits += rng.next() < 0.5 ? '0' : '1';
      return bits;
    }
  }
}

/** Each categorical decision's choices as a set, so a check is one lookup however many choices (a tabular space of
 * a full benchmark has one per curve: 15,625 in NAS-Bench-201). */
const choiceSets = new WeakMap<readonly DecisionValue[], ReadonlySet<unknown>>();

function choiceSet(choices: readonly DecisionValue[]): ReadonlySet<unknown> {
  let set = choiceSets.get(choices);
  if (set === undefined) {
    set = new Set(choices);
    choiceSets.set(choices, set);
  }
  return set;
}

/** The choices for a message: all of a few, the first 20 and the count of many. */
function listChoices(choices: readonly DecisionValue[]): string {
  const shown = choices.slice(0, 20).map((c) => JSON.stringify(c));
  return choices.length > 20 ? `${shown.join(', ')}, … (${choices.length} choices)` : shown.join(', ');
}

/** Why a value does not fit a decision, or undefined when it does. */
export function checkValue(decision: Decision, value: unknown): string | undefined {
  const where = `${decision.name}`;
  switch (decision.kind) {
    case 'categorical':
      return choiceSet(decision.choices).has(value)
        ? undefined
        : `${where}: expected one of ${listChoices(decision.choices)}, got ${JSON.stringify(value)}`;
    case 'int': {
      const step = decision.step ?? 1;
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return `${where}: expected an integer in [${decision.low}, ${decision.high}], got ${JSON.stringify(value)}`;
      }
      if (value < decision.low || value > decision.high) {
        return `${where}: expected an integer in [${decision.low}, ${decision.high}], got ${value}`;
      }
      const offset = (value - decision.low) / step;
      return Math.abs(offset - Math.round(offset)) < 1e-9
        ? undefined
        : `${where}: expected ${decision.low} + k·${step}, got ${value}`;
    }
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return `${where}: expected a finite number in [${decision.low}, ${decision.high}], got ${JSON.stringify(value)}`;
      }
      return value >= decision.low && value <= decision.high
        ? undefined
        : `${where}: expected a number in [${decision.low}, ${decision.high}], got ${value}`;
    case 'bits':
      return typeof value === 'string' && value.length === decision.length && /^[01]*$/.test(value)
        ? undefined
        : `${where}: expected a string of ${decision.length} bits ('0'/'1'), got ${JSON.stringify(value)}`;
  }
}

/** The number of values of a decision, or undefined for floats. */
export function decisionCardinality(decision: Decision): number | undefined {
  switch (decision.kind) {
    case 'categorical':
      return decision.choices.length;
    case 'int':
      return Math.floor((decision.high - decision.low) / (decision.step ?? 1)) + 1;
    case 'float':
      return undefined;
    case 'bits':
      return 2 ** decision.length;
  }
}

/** Every value of a discrete decision, in order (used to count conditional spaces). */
export function decisionValues(decision: Decision): DecisionValue[] {
  switch (decision.kind) {
    case 'categorical':
      return [...decision.choices];
    case 'int': {
      const step = decision.step ?? 1;
      const out: number[] = [];
      for (let v = decision.low; v <= decision.high; v += step) out.push(v);
      return out;
    }
    case 'bits': {
      const out: string[] = [];
      for (let i = 0; i < 2 ** decision.length; i++) out.push(i.toString(2).padStart(decision.length, '0'));
      return out;
    }
    case 'float':
      throw new RangeError(`decision ${decision.name}: a float decision has no finite list of values`);
  }
}

/** The value of a decision nearest to `value` (used by `repair`). */
export function nearestValue(decision: Decision, value: unknown, rng?: Rng): DecisionValue {
  switch (decision.kind) {
    case 'categorical': {
      const hit = decision.choices.find((c) => c === value);
      if (hit !== undefined) return hit;
      const asString = decision.choices.find((c) => String(c) === String(value));
      if (asString !== undefined) return asString;
      return rng ? rng.pick(decision.choices) : (decision.choices[0] as DecisionValue);
    }
    case 'int': {
      const step = decision.step ?? 1;
      const v = typeof value === 'number' && Number.isFinite(value) ? value : decision.low;
      const k = Math.round((Math.min(decision.high, Math.max(decision.low, v)) - decision.low) / step);
      return Math.min(decision.high, decision.low + k * step);
    }
    case 'float': {
      const v = typeof value === 'number' && Number.isFinite(value) ? value : decision.low;
      return Math.min(decision.high, Math.max(decision.low, v));
    }
    case 'bits': {
      const s = typeof value === 'string' ? value.replace(/[^01]/g, '0') : '';
      return s.padEnd(decision.length, '0').slice(0, decision.length);
    }
  }
}

/** Throws a SPACE_ERROR when a decision list is malformed (duplicate names, empty choices, bad bounds, forward conditions). */
export function assertDecisions(spaceName: string, decisions: readonly Decision[]): void {
  const seen = new Set<string>();
  const fail = (msg: string): never => {
    throw new PenguinError('SPACE_ERROR', `space ${spaceName}: ${msg}`);
  };
  for (const [i, d] of decisions.entries()) {
    const where = `decisions[${i}] (${d.name})`;
    if (!d.name) fail(`decisions[${i}]: expected a non-empty name`);
    if (seen.has(d.name)) fail(`${where}: duplicate decision name`);
    if (d.when && !seen.has(d.when.decision)) {
      fail(`${where}: condition refers to "${d.when.decision}", which must be declared before it`);
    }
    seen.add(d.name);
    switch (d.kind) {
      case 'categorical':
        if (d.choices.length === 0) fail(`${where}: expected at least one choice`);
        break;
      case 'int':
        if (!Number.isInteger(d.low) || !Number.isInteger(d.high) || d.high < d.low) {
          fail(`${where}: expected integers low <= high, got ${d.low} and ${d.high}`);
        }
        if (d.step !== undefined && (!Number.isInteger(d.step) || d.step < 1)) {
          fail(`${where}: expected an integer step >= 1, got ${d.step}`);
        }
        break;
      case 'float':
        if (!Number.isFinite(d.low) || !Number.isFinite(d.high) || d.high < d.low) {
          fail(`${where}: expected finite low <= high, got ${d.low} and ${d.high}`);
        }
        if (d.log && d.low <= 0) fail(`${where}: a log-float decision needs low > 0, got ${d.low}`);
        break;
      case 'bits':
        if (!Number.isInteger(d.length) || d.length < 1)
          fail(`${where}: expected length >= 1, got ${d.length}`);
        break;
      default:
        fail(`${where}: unknown kind ${JSON.stringify((d as { kind: unknown }).kind)}`);
    }
  }
}
