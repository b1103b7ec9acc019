import type { CurveRecord } from '../curves/read-curve-file.js';
import { PenguinError } from '../errors.js';
import { defineSpace, genomeKey } from '../space/define-space.js';
import type { CategoricalDecision, DecisionValue, Genome, Repair, SearchSpace } from '../types.js';

export interface TabularSpace extends SearchSpace<Genome> {
  /** The record of a genome in the table, if recorded. */
  recordOf(genome: Genome): CurveRecord | undefined;
  readonly records: readonly CurveRecord[];
}

export interface TabularSpaceOptions {
  readonly name?: string;
  /** Numeric `extra` fields of each record exposed as static objectives (e.g. `params`, `flops`). */
  readonly staticFields?: readonly string[];
  /** Static objectives computed from a genome (e.g. a proxy of model size); merged over `staticFields`. */
  readonly staticObjectives?: (genome: Genome) => Readonly<Record<string, number>>;
}

/**
 * A space whose points are the recorded genomes of a curve file: decisions are categorical, their choices the
 * values seen in the records. A genome not in the table is repaired to the nearest recorded one (fewest differing
 * decisions, ties broken by record order).
 */
export function tabularSpace(
  records: readonly CurveRecord[],
  options: TabularSpaceOptions = {},
): TabularSpace {
  const name = options.name ?? 'tabular';
  const withGenome = records.filter((r) => r.genome !== undefined);
  if (withGenome.length === 0) {
    throw new PenguinError(
      'SPACE_ERROR',
      `space ${name}: expected records with a "genome" object, found none in ${records.length} records`,
    );
  }
  const choices = new Map<string, DecisionValue[]>();
  for (const record of withGenome) {
    for (const [decision, value] of Object.entries(record.genome as Genome)) {
      const list = choices.get(decision) ?? [];
      if (!list.includes(value)) list.push(value);
      choices.set(decision, list);
    }
  }
  const decisions: CategoricalDecision[] = [...choices.entries()].map(([decisionName, values]) => ({
    kind: 'categorical',
    name: decisionName,
    choices: [...values].sort((a, b) => String(a).localeCompare(String(b))),
  }));
  const byKey = new Map<string, CurveRecord>();
  for (const record of withGenome) {
    const key = genomeKey(decisions, record.genome as Genome);
    if (!byKey.has(key)) byKey.set(key, record);
  }
  const genomes = [...byKey.values()].map((r) => r.genome as Genome);
  for (const [i, g] of genomes.entries()) {
    const missing = decisions.filter((d) => g[d.name] === undefined).map((d) => d.name);
    if (missing.length > 0) {
      throw new PenguinError(
        'SPACE_ERROR',
        `space ${name}: record ${i} lacks decisions ${missing.join(', ')}; every genome needs the same decisions`,
      );
    }
  }

  const base = defineSpace<Genome>({
    name,
    decisions,
    check: (genome) => (byKey.has(genomeKey(decisions, genome)) ? [] : ['not a recorded genome']),
  });

  const recordOf = (genome: Genome): CurveRecord | undefined => byKey.get(genomeKey(decisions, genome));

  const repair = (genome: Genome): Repair<Genome> => {
    if (recordOf(genome) && base.validate(genome).ok) return { genome };
    let best = genomes[0] as Genome;
    let bestDiff = Number.POSITIVE_INFINITY;
    for (const candidate of genomes) {
      let diff = 0;
      for (const d of decisions) if (candidate[d.name] !== genome[d.name]) diff++;
      if (diff < bestDiff) {
        best = candidate;
        bestDiff = diff;
        if (diff === 0) break;
      }
    }
    return {
      genome: best,
      repaired: {
        from: genome,
        reason: `not in the table; nearest recorded genome differs in ${bestDiff} decision(s)`,
      },
    };
  };

  const space: TabularSpace = {
    ...base,
    name,
    records: withGenome,
    recordOf,
    sample: (rng) => rng.pick(genomes),
    size: () => genomes.length,
    repair,
  };
  const fields = options.staticFields ?? [];
  const computed = options.staticObjectives;
  if (fields.length > 0 || computed) {
    space.staticObjectives = (genome) => {
      const record = recordOf(genome);
      const out: Record<string, number> = {};
      for (const field of fields) {
        const v = record?.extra[field];
        if (typeof v === 'number') out[field] = v;
      }
      return computed ? { ...out, ...computed(genome) } : out;
    };
  }
  return space;
}
