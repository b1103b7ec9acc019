/**
 * Per-epoch metrics derived from a validation curve (and, for QuickTune, from a run's schedule), written into curve
 * files by `derived-metrics.ts` so a calibration feature can be replayed through `calibration.trainingMetric`.
 */

type Series = (number | null)[];
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) < 1e6;
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The four curve-derived metrics of one validation curve. */
export function curveFeatures(curve: readonly unknown[], maximize: boolean): Record<string, Series> {
  const seen: number[] = [];
  const runningMean: Series = [];
  const runningBest: Series = [];
  const recentSlope: Series = [];
  const firstValue: Series = [];
  let best: number | null = null;
  for (const value of curve) {
    if (finite(value)) {
      seen.push(value);
      best = best === null ? value : maximize ? Math.max(best, value) : Math.min(best, value);
    }
    const n = seen.length;
    const k = Math.max(1, Math.floor(n / 5));
    runningMean.push(n === 0 ? null : mean(seen));
    runningBest.push(best);
    recentSlope.push(
      n >= 2 * k
        ? mean(seen.slice(n - k)) - mean(seen.slice(n - 2 * k, n - k))
        : n >= 2
          ? (seen[n - 1] as number) - (seen[0] as number)
          : null,
    );
    firstValue.push(n === 0 ? null : (seen[0] as number));
  }
  return {
    running_mean: runningMean,
    running_best: runningBest,
    recent_slope: recentSlope,
    first_value: firstValue,
  };
}

export interface QuickTuneConfig {
  readonly lr: number;
  readonly warmup_epochs: number;
  readonly warmup_lr?: number | null;
  readonly sched: string;
  readonly decay_rate: number;
  readonly decay_epochs: number;
}

/** `lr_log` and `lr_left` of a QuickTune run (50 epochs), at each of its epochs (1-based). */
export function scheduleFeatures(config: QuickTuneConfig, epochs: readonly number[]): Record<string, Series> {
  const base = config.lr;
  const warmup = config.warmup_epochs;
  const warmupLr = config.warmup_lr || 1e-6;
  const rate = (epoch: number): number => {
    const t = epoch - 1;
    if (t < warmup) return warmupLr + ((base - warmupLr) * t) / warmup;
    if (config.sched === 'cosine') return 1e-6 + 0.5 * (base - 1e-6) * (1 + Math.cos((Math.PI * t) / 50));
    if (config.sched === 'step' || config.sched === 'multistep')
      return base * config.decay_rate ** Math.floor(t / config.decay_epochs);
    return base;
  };
  const rates = epochs.map(rate);
  return {
    lr_log: rates.map((r) => Math.log10(r)),
    lr_left: rates.map((_, i) => Math.log10(rates.slice(i + 1).reduce((s, r) => s + r, 0) / base + 1e-3)),
  };
}

/**
 * From a logged learning rate (`lr`, as Penguin's trainer logs it; the schedule is fixed when a trial starts, so a
 * trial knows its whole series in advance): `lr_log`, log10 of the rate at each point, and `lr_decay_left`, log10 of
 * the rate now over the rate at the last point, clipped to [0, 3] (the decay still to come).
 */
export function loggedRateFeatures(lr: readonly unknown[]): Record<string, Series> {
  const rates = lr.map((r) => (finite(r) && r > 0 ? r : null));
  const last = rates[rates.length - 1] ?? null;
  return {
    lr_log: rates.map((r) => (r === null ? null : Math.log10(r))),
    lr_decay_left: rates.map((r) =>
      r === null || last === null ? null : Math.min(3, Math.max(0, Math.log10(r / last))),
    ),
  };
}

/**
 * A genome's schedule label as a number, constant over the curve, in two orders of a file's labels (so a linear
 * feature's luck with one order shows): `schedule_code_a`, 10 × its rank among the labels sorted; `schedule_code_b`,
 * 10 × its rank sorted by length, then by label. Returns the coding for one curve of the file.
 */
export function scheduleCodes(
  labels: readonly string[],
): (label: string, points: number) => Record<string, Series> {
  const a = [...labels].sort();
  const b = [...labels].sort((x, y) => x.length - y.length || (x < y ? -1 : x > y ? 1 : 0));
  return (label, points) => ({
    schedule_code_a: Array.from({ length: points }, () => 10 * a.indexOf(label)),
    schedule_code_b: Array.from({ length: points }, () => 10 * b.indexOf(label)),
  });
}
