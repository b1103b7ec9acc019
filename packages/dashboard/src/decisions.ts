import type { Row } from './view.js';

/** A finished trial's genome with the fitness it reported (first objective). */
export interface ScoredGenome {
  readonly trial: string;
  readonly genome: Readonly<Record<string, unknown>>;
  readonly fitness: number;
}

/** How a decision's value is shown: numbers as they are, anything else as compact JSON text. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

function decisionNames(scored: readonly ScoredGenome[]): string[] {
  const names = new Set<string>();
  for (const s of scored) for (const name of Object.keys(s.genome)) names.add(name);
  return [...names];
}

/** Where each value of one decision sits on a 0–1 axis: numbers min–max scaled, other values evenly in sorted order. */
function axisOf(values: readonly unknown[]): (value: unknown) => number {
  const present = values.filter((v) => v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const numbers = present as number[];
    const min = Math.min(...numbers);
    const max = Math.max(...numbers);
    return (v) => (max === min ? 0.5 : ((v as number) - min) / (max - min));
  }
  const labels = [...new Set(present.map(valueLabel))].sort();
  return (v) => (labels.length < 2 ? 0.5 : labels.indexOf(valueLabel(v)) / (labels.length - 1));
}

/** Long-form rows for parallel coordinates: one per trial and decision, with its axis position and label. */
export function parallelRows(scored: readonly ScoredGenome[]): Row[] {
  const rows: Row[] = [];
  decisionNames(scored).forEach((decision, order) => {
    const axis = axisOf(scored.map((s) => s.genome[decision]));
    for (const s of scored) {
      if (!(decision in s.genome)) continue;
      const value = s.genome[decision];
      rows.push({
        trial: s.trial,
        decision,
        order,
        position: axis(value),
        label: valueLabel(value),
        fitness: s.fitness,
      });
    }
  });
  return rows;
}

/** The group of a value for importance: numbers with many distinct values fall into quantile bins. */
function grouping(values: readonly unknown[], bins = 4): (value: unknown) => string {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (numbers.length !== values.length || new Set(numbers).size <= bins) return valueLabel;
  const sorted = [...numbers].sort((a, b) => a - b);
  const edges = Array.from(
    { length: bins - 1 },
    (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / bins)] as number,
  );
  return (v) => String(edges.filter((edge) => (v as number) >= edge).length);
}

/**
 * A simple importance per decision: the share of the fitness variance its values explain on their own
 * (η², between-group over total sum of squares). Needs three scored trials and some variance.
 */
export function importanceRows(scored: readonly ScoredGenome[]): Row[] {
  if (scored.length < 3) return [];
  const mean = scored.reduce((sum, s) => sum + s.fitness, 0) / scored.length;
  const total = scored.reduce((sum, s) => sum + (s.fitness - mean) ** 2, 0);
  if (!(total > 0)) return [];
  const rows: Row[] = [];
  for (const decision of decisionNames(scored)) {
    const group = grouping(scored.map((s) => s.genome[decision]));
    const groups = new Map<string, number[]>();
    for (const s of scored) {
      const key = group(s.genome[decision]);
      const members = groups.get(key) ?? [];
      members.push(s.fitness);
      groups.set(key, members);
    }
    let between = 0;
    for (const members of groups.values()) {
      const groupMean = members.reduce((a, b) => a + b, 0) / members.length;
      between += members.length * (groupMean - mean) ** 2;
    }
    rows.push({ decision, importance: between / total, groups: groups.size });
  }
  return rows.sort((a, b) => (b.importance as number) - (a.importance as number));
}
