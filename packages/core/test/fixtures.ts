import {
  createRng,
  createRngFromState,
  type Genome,
  type PluginObject,
  type RngState,
  type Searcher,
  type SearcherFactory,
} from '../src/index.js';

/**
 * A searcher that learns from tells (hill climbing from the best genome so far), so a resumed run only matches an
 * uninterrupted one if searcher state, tell order and fitness values are all restored exactly.
 */
export function hillClimber(): SearcherFactory<Genome> {
  return ({ space, rng: initial }) => {
    let rng = initial;
    let seen = new Set<string>();
    let best: { genome: Genome; value: number } | undefined;
    let told = 0;
    const searcher: Searcher<Genome> = {
      name: 'hill-climber',
      ask(n) {
        const out: Genome[] = [];
        for (let i = 0; i < n; i++) {
          for (let attempt = 0; attempt < 200; attempt++) {
            let g: Genome;
            if (!best || told < 4 || attempt >= 50) g = space.sample(rng);
            else {
              const d = rng.pick(space.decisions);
              const mutated = {
                ...best.genome,
                [d.name]: rng.pick((d as { choices: Genome[string][] }).choices),
              };
              g = space.repair(mutated).genome;
            }
            if (!seen.has(space.key(g))) {
              seen.add(space.key(g));
              out.push(g);
              break;
            }
          }
        }
        return out;
      },
      tell(_trial, fitness) {
        told++;
        const value = fitness.val_acc?.value ?? Number.NEGATIVE_INFINITY;
        if (!best || value > best.value) best = { genome: _trial.genome, value };
      },
      state: () => ({ rng: rng.state(), seen: [...seen], best, told }),
      restore(state) {
        const s = state as {
          rng: RngState;
          seen: string[];
          best?: { genome: Genome; value: number };
          told: number;
        };
        rng = createRngFromState(s.rng);
        seen = new Set(s.seen);
        best = s.best;
        told = s.told;
      },
    };
    return searcher;
  };
}

/**
 * A stateful plugin: stops a trial at epoch `at` when its value is below the median of the values finished trials
 * had at that epoch. Its state (the values of finished trials) must survive resume.
 */
export function medianStopper(at: number, metric = 'val_acc'): PluginObject<Genome> & { seen: number[] } {
  const plugin = {
    name: 'median-stopper',
    seen: [] as number[],
    apply(engine: Parameters<PluginObject<Genome>['apply']>[0]) {
      engine.hooks.shouldTerminate.tapPromise('median-stopper', async (trial) => {
        const last = trial.curve[trial.curve.length - 1];
        if (!last || last.epoch !== at || plugin.seen.length < 3) return undefined;
        const sorted = [...plugin.seen].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)] as number;
        const value = last[metric] ?? Number.NEGATIVE_INFINITY;
        return value < median
          ? { reason: `${value} < median ${median} at epoch ${at}`, by: 'median-stopper', prediction: value }
          : undefined;
      });
      engine.hooks.onTrialEnd.tapPromise('median-stopper', async (trial) => {
        const point = trial.curve.find((p) => p.epoch === at);
        if (point && typeof point[metric] === 'number') plugin.seen.push(point[metric] as number);
      });
    },
    state: () => ({ seen: [...plugin.seen] }),
    restore: (state: unknown) => {
      plugin.seen = [...(state as { seen: number[] }).seen];
    },
  };
  return plugin;
}

export const seeded = (seed: number) => createRng(seed);
