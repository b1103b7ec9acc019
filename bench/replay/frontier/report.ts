import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RULE, ruleOfKind } from '../../../packages/predictor/src/options/defaults.js';
import { DEVELOPMENT_SETS, type DevelopmentSetName } from '../datasets.js';
import type { ScoreCache } from './cache.js';
import { CANDIDATE_DEFAULTS } from './candidates.js';
import { familyConfigs, RULE_FAMILIES } from './families.js';
import { liftTable } from './lift.js';
import { CHOICE_GOALS, leaveOneSetOut } from './loo.js';
import { allFamilyPoints, type FrontierPoint, valueAtSavings } from './points.js';
import type { SeedSummary, Spread } from './score.js';
import { frontierSvg } from './svg.js';

/** The shipped default's point on the δ sweep (the sweep must hold the shipped δ of its top-fraction rule). */
export const SHIPPED_DEFAULT = `default δ=${ruleOfKind(DEFAULT_RULE, 'top-fraction')?.delta}`;

const FRONTIER_MD = fileURLToPath(new URL('../FRONTIER.md', import.meta.url));
const PLOTS = fileURLToPath(new URL('./plots/', import.meta.url));
const BENCHMARKS = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const MARK_START = '<!-- frontier:start (written by bench/replay/frontier/run.ts) -->';
const MARK_END = '<!-- frontier:end -->';

export interface ReportOptions {
  readonly sets: readonly DevelopmentSetName[];
  readonly seeds: readonly number[];
  readonly command: string;
}

/** A share over seeds as FRONTIER.md writes it: `75.6% [72–80]`. */
export const pct = (s: Spread) =>
  `${(s.mean * 100).toFixed(1)}% [${(s.min * 100).toFixed(0)}–${(s.max * 100).toFixed(0)}]`;
/** A figure over seeds as FRONTIER.md writes it: `0.78 [0.65–0.90]`. */
export const num = (s: Spread, digits = 2) =>
  Number.isFinite(s.mean)
    ? `${s.mean.toFixed(digits)} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`
    : '–';
const err = (s: SeedSummary) =>
  Number.isFinite(s.errorMean.mean)
    ? `${s.errorMean.mean.toFixed(2)} / ${s.errorMedian.mean.toFixed(2)}`
    : '–';

function errorUnit(set: DevelopmentSetName): string {
  return DEVELOPMENT_SETS[set].direction === 'maximize' ? 'points' : '% of the true loss';
}

function pointsTable(set: DevelopmentSetName, points: readonly FrontierPoint[]): string {
  const rows = points.map((p) => {
    const s = p.summary;
    return `| ${p.name} | ${pct(s.saved)} | ${num(s.top10pct)} | ${num(s.top10)} | ${num(s.best)} | ${num(s.bestGap)} | ${err(s)} | ${num(s.spearman)} |`;
  });
  return [
    `| configuration | epochs saved | top-10% recall | top-10 recall | best kept | first-ranked below the best (${errorUnit(set)}) | error mean / median (${errorUnit(set)}) | Spearman |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** The shipped default against each baseline family at the default's own savings (mean top-10% recall). */
function comparisonRow(set: DevelopmentSetName, families: readonly FrontierPoint[][]): string {
  const shipped = families.flat().find((p) => p.name === SHIPPED_DEFAULT);
  if (!shipped)
    return `| ${set} | – | – | ${RULE_FAMILIES.slice(1)
      .map(() => '–')
      .join(' | ')} |`;
  const s = shipped.summary;
  const others = RULE_FAMILIES.slice(1).map((family) => {
    const points = families.find((f) => f[0]?.family === family.name) ?? [];
    const value = valueAtSavings(points, s.saved.mean, 'top10pct');
    return value === null ? 'outside' : value.toFixed(2);
  });
  return `| ${set} | ${pct(s.saved)} | ${num(s.top10pct)} | ${others.join(' | ')} |`;
}

function goalsRow(set: DevelopmentSetName, shipped: FrontierPoint | undefined): string {
  if (!shipped) return `| ${set} | – | – | – | – | – | – |`;
  const s = shipped.summary;
  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  const accuracy = DEVELOPMENT_SETS[set].direction === 'maximize';
  const errorOk = accuracy ? mark(s.errorMean.mean <= 1) : 'n/a (loss)';
  return (
    `| ${set} | ${pct(s.saved)} ${mark(s.saved.mean >= 0.75)} | ${num(s.top10pct)} ${mark(s.top10pct.mean >= 0.85)} | ` +
    `${num(s.best)} ${mark(s.best.min >= 1)} | ${num(s.bestGap)} | ${err(s)} ${errorOk} | ${num(s.spearman)} |`
  );
}

function looTable(title: string, results: ReturnType<typeof leaveOneSetOut>): string {
  const rows = results.map(
    (r) =>
      `| ${r.heldOut} | ${r.chosen} (goals met on ${r.met}/${r.of}) | ${pct(r.summary.saved)} | ` +
      `${num(r.summary.top10pct)} | ${num(r.summary.best)} | ${num(r.summary.bestGap)} | ${err(r.summary)} |`,
  );
  return [
    `**${title}**`,
    '',
    '| held-out set | chosen on the other sets | epochs saved | top-10% recall | best kept | first-ranked below the best | error mean / median |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** Held-out figures of several families, one column each. */
function looCompact(
  families: readonly { family: string; results: ReturnType<typeof leaveOneSetOut> }[],
): string {
  const sets = families[0]?.results.map((r) => r.heldOut) ?? [];
  const others = families[0]?.results[0]?.of ?? sets.length - 1;
  const rows = sets.map((set) => {
    const cells = families.map(({ results }) => {
      const r = results.find((x) => x.heldOut === set);
      if (!r) return '–';
      const knob = r.chosen.split(' ').pop();
      const s = r.summary;
      return `${(s.saved.mean * 100).toFixed(0)}% / ${s.top10pct.mean.toFixed(2)} / ${s.best.mean.toFixed(1)} (${knob}; ${r.met}/${r.of})`;
    });
    return `| ${set} | ${cells.join(' | ')} |`;
  });
  return [
    `| held-out set | ${families.map((f) => f.family).join(' | ')} |`,
    `| --- | ${families.map(() => '---:').join(' | ')} |`,
    ...rows,
    '',
    `(k/${others}: on how many of the other sets the chosen knob met the goals.)`,
  ].join('\n');
}

/**
 * Writes FRONTIER.md (every point), one SVG per set, and the summary section of BENCHMARKS.md; returns the
 * markdown files written.
 */
export async function writeReport(cache: ScoreCache, options: ReportOptions): Promise<string[]> {
  const { sets, seeds } = options;
  const others = sets.length - 1;
  await mkdir(PLOTS, { recursive: true });
  const details: string[] = [];
  const defaultFrontier = new Map<DevelopmentSetName, readonly FrontierPoint[]>();
  const comparison: string[] = [];
  const goals: string[] = [];
  for (const set of sets) {
    const families = allFamilyPoints(cache, set, seeds);
    if (families.length === 0) continue;
    defaultFrontier.set(set, families.find((f) => f[0]?.family === RULE_FAMILIES[0]?.name) ?? []);
    const about = DEVELOPMENT_SETS[set];
    const subset = 'limit' in about ? `first ${about.limit} curves of each seeded order` : 'all curves';
    const panels = (['top10pct', 'top10', 'best'] as const).map((figure) => ({
      title: `${set}: ${{ top10pct: 'top-10% recall', top10: 'top-10 recall', best: 'best network kept' }[figure]}`,
      series: families.map((points) => ({
        name: points[0]?.family ?? '',
        points: points.map((p) => ({ x: p.summary.saved, y: p.summary[figure] })),
      })),
    }));
    const caption = `${about.about}; ${subset}; mean over ${seeds.length} seeds, bars from the smallest to the largest seed`;
    await writeFile(`${PLOTS}${set}.svg`, frontierSvg(caption, panels));
    details.push(
      `## ${set}: ${about.about} (${subset})`,
      '',
      `![${set} frontier](frontier/plots/${set}.svg)`,
      '',
    );
    details.push(pointsTable(set, families.flat()), '');
    comparison.push(comparisonRow(set, families));
    goals.push(
      goalsRow(
        set,
        families.flat().find((p) => p.name === SHIPPED_DEFAULT),
      ),
    );
  }
  const defaults = [...familyConfigs(RULE_FAMILIES.slice(0, 1)), ...CANDIDATE_DEFAULTS];
  const looDefault = looTable(
    'Default constants (δ, median warm-up, top fraction)',
    leaveOneSetOut(cache, sets, defaults, seeds),
  );
  const looBaselines = looCompact(
    RULE_FAMILIES.slice(1).map((f) => ({
      family: f.name,
      results: leaveOneSetOut(cache, sets, familyConfigs([f]), seeds),
    })),
  );
  const summary = [
    `Command: \`${options.command}\` (add \`--dataset\`/\`--family\` for a part; it resumes from \`frontier/scores.json\`, remove it to replay from scratch) — ${seeds.length} replay orders (seeds ${seeds.join(', ')}); every figure is the mean`,
    'over the seeds with [smallest–largest]. Epochs saved are over all curves of a replay; the error is over stopped trials',
    '(points of accuracy, or percent of the true value for losses). "First-ranked below the best": how far the true final of the',
    'network a configuration ranks first falls short of the true best (same units; 0 when the best is kept), so a near miss and a',
    'bad one differ where "best kept" counts both as 0. Timings irrelevant here; measured on a loaded 2-core machine.',
    '',
    '**The shipped default against the issue #12 goals** (≥ 75% saved, ≥ 0.85 of the top 10%, best kept on every seed, error ≤ 1 point):',
    '',
    '| set | epochs saved | top-10% recall | best kept | first-ranked below the best | error mean / median | Spearman |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...goals,
    '',
    "**Frontier at the default's savings**: top-10% recall of each baseline family interpolated to the default's mean savings",
    '("outside": every point of the family\'s sweep saves more, or every point less, than the default):',
    '',
    `| set | default saved | default top-10% | ${RULE_FAMILIES.slice(1)
      .map((f) => `${f.name} (${f.knob})`)
      .join(' | ')} |`,
    `| --- | ---: | ---: | ${RULE_FAMILIES.slice(1)
      .map(() => '---:')
      .join(' | ')} |`,
    ...comparison,
    '',
    `**Leave one set out**: each choice is made on the other ${others} sets and reported on the set left out.`,
    `Choice: the configuration meeting the goals (mean top-10% recall ≥ ${CHOICE_GOALS.top10pct}, best kept ≥ ${CHOICE_GOALS.best}) on the most of the ${others},`,
    'then the one saving the most epochs on average; its figures on the set left out:',
    '',
    looDefault,
    '',
    "**Does a candidate lift the default's frontier?** Per set: the candidate's epochs saved, and its top-10% recall minus",
    "the recall of the default's δ sweep at those savings (interpolated). Outside the sweep's savings: dominated (saves less,",
    'keeps no more than the most careful δ), dominates (saves more, keeps as much as the boldest δ), else off (its recall):',
    '',
    liftTable(cache, sets, CANDIDATE_DEFAULTS, defaultFrontier, seeds),
    '',
    "**Each baseline family's knob chosen the same way** (held-out figures: epochs saved / top-10% recall / best kept; the knob chosen in brackets):",
    '',
    looBaselines,
    '',
  ].join('\n');
  await writeFile(
    FRONTIER_MD,
    ['# Frontiers of the termination rules on the development curves', '', summary, ...details].join('\n'),
  );
  const benchmarks = await readFile(BENCHMARKS, 'utf8');
  const start = benchmarks.indexOf(MARK_START);
  const end = benchmarks.indexOf(MARK_END);
  if (start < 0 || end < start)
    throw new Error(`BENCHMARKS.md: expected the markers "${MARK_START}" and "${MARK_END}", found none`);
  const section = `${MARK_START}\n${summary}\nPer-point tables and plots: [FRONTIER.md](bench/replay/FRONTIER.md).\n`;
  await writeFile(BENCHMARKS, benchmarks.slice(0, start) + section + benchmarks.slice(end));
  return [FRONTIER_MD, BENCHMARKS];
}
