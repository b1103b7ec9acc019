import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from '../journal/json.js';
import { createRng } from '../rng.js';
import type { Genome, ObjectiveSpec, SearcherFactory, SearchSpace } from '../types.js';
import {
  conformanceSpace,
  defaultObjectives,
  drive,
  finishedTrial,
  finiteSpace,
  fitnessFor,
  makeSearcher,
} from './drive.js';

export interface DescribeSearcherOptions {
  /** The space to search (default: a small space with every decision kind and a condition). */
  readonly space?: SearchSpace<Genome>;
  /** A finite space for the no-duplicates check (default: 12 genomes); `false` skips that check. */
  readonly finiteSpace?: SearchSpace<Genome> | false;
  readonly objectives?: readonly ObjectiveSpec[];
  /** Proposals per check (default 24). */
  readonly trials?: number;
  /** Genomes asked at once (default 4). */
  readonly batch?: number;
}

/**
 * The conformance suite every searcher passes (like ESLint's RuleTester): the ask/tell contract, seeded
 * determinism, no duplicate proposals while the space allows, a `state()`/`restore()` round trip through JSON,
 * and indifference to predicted, failed and unknown results.
 */
export function describeSearcher(
  name: string,
  factory: SearcherFactory<Genome>,
  options: DescribeSearcherOptions = {},
): void {
  const space = options.space ?? conformanceSpace;
  const objectives = options.objectives ?? defaultObjectives;
  const trials = options.trials ?? 24;
  const batch = options.batch ?? 4;
  const small = options.finiteSpace === undefined ? finiteSpace : options.finiteSpace;

  describe(`searcher conformance: ${name}`, () => {
    it('has a name and ask/tell', () => {
      const searcher = makeSearcher(factory, space, objectives, 1);
      expect(typeof searcher.name).toBe('string');
      expect(searcher.name.length).toBeGreaterThan(0);
      expect(typeof searcher.ask).toBe('function');
      expect(typeof searcher.tell).toBe('function');
    });

    it('ask(n) returns at most n genomes, each inside the space', async () => {
      const searcher = makeSearcher(factory, space, objectives, 2);
      expect(await searcher.ask(0)).toEqual([]);
      for (let round = 0; round < 4; round++) {
        const genomes = await searcher.ask(3);
        expect(Array.isArray(genomes)).toBe(true);
        expect(genomes.length).toBeLessThanOrEqual(3);
        for (const g of genomes) {
          const result = space.validate(g);
          expect(result.ok ? [] : result.errors).toEqual([]);
          expect(JSON.parse(JSON.stringify(g))).toEqual(g);
        }
        let i = round * 3;
        for (const g of genomes) {
          const fitness = fitnessFor(objectives, space.key(g), 'measured', false);
          await searcher.tell(finishedTrial(g, i++, fitness, false), fitness);
        }
      }
    });

    it('keeps proposing over a whole search', async () => {
      const result = await drive(
        makeSearcher(factory, space, objectives, 3),
        space,
        objectives,
        trials,
        batch,
      );
      expect(result.proposals.length).toBe(trials);
    });

    it('is deterministic under a seed', async () => {
      const a = await drive(makeSearcher(factory, space, objectives, 7), space, objectives, trials, batch);
      const b = await drive(makeSearcher(factory, space, objectives, 7), space, objectives, trials, batch);
      expect(b.keys).toEqual(a.keys);
    });

    it('depends on the seed', async () => {
      const a = await drive(makeSearcher(factory, space, objectives, 7), space, objectives, trials, batch);
      const b = await drive(makeSearcher(factory, space, objectives, 8), space, objectives, trials, batch);
      expect(b.keys).not.toEqual(a.keys);
    });

    if (small) {
      it('proposes no duplicates while unseen genomes remain', async () => {
        const size = small.size();
        expect(size).toBeGreaterThan(0);
        const count = Math.min(size ?? 12, trials);
        const result = await drive(
          makeSearcher(factory, small, objectives, 11),
          small,
          objectives,
          count,
          batch,
        );
        expect(new Set(result.keys).size).toBe(result.keys.length);
        expect(result.keys.length).toBeGreaterThan(0);
      });
    }

    it('accepts predicted fitness and failed trials (non-finite values) like any other', async () => {
      const predicted = await drive(
        makeSearcher(factory, space, objectives, 5),
        space,
        objectives,
        trials,
        batch,
        {
          source: 'predicted',
          failEvery: 3,
        },
      );
      expect(predicted.proposals.length).toBe(trials);
      for (const g of predicted.proposals) expect(space.contains(g)).toBe(true);
    });

    it('is indifferent to whether a fitness was measured or predicted', async () => {
      const measured = await drive(
        makeSearcher(factory, space, objectives, 9),
        space,
        objectives,
        trials,
        batch,
      );
      const predicted = await drive(
        makeSearcher(factory, space, objectives, 9),
        space,
        objectives,
        trials,
        batch,
        {
          source: 'predicted',
        },
      );
      expect(predicted.keys).toEqual(measured.keys);
    });

    it('survives a tell for a trial it never proposed', async () => {
      const searcher = makeSearcher(factory, space, objectives, 4);
      const stranger = space.sample(createRng(4));
      const fitness = fitnessFor(objectives, space.key(stranger), 'measured', false);
      await searcher.tell(finishedTrial(stranger, 999, fitness, false), fitness);
      const next = await searcher.ask(2);
      for (const g of next) expect(space.contains(g)).toBe(true);
    });

    it('round-trips state() through JSON into restore() and continues identically', async () => {
      const probe = makeSearcher(factory, space, objectives, 13);
      if (!probe.state || !probe.restore) {
        expect(probe.state).toBeUndefined();
        expect(probe.restore).toBeUndefined();
        return;
      }
      const original = makeSearcher(factory, space, objectives, 13);
      const half = Math.floor(trials / 2);
      await drive(original, space, objectives, half, batch);
      // The engine checkpoints state as JSON (non-finite numbers kept), so the state must survive that.
      const saved = parseJson(stringifyJson((original.state as () => unknown)()));
      const copy = makeSearcher(factory, space, objectives, 999);
      (copy.restore as (s: unknown) => void)(saved);
      const a = await drive(original, space, objectives, trials - half, batch, { startIndex: half });
      const b = await drive(copy, space, objectives, trials - half, batch, { startIndex: half });
      expect(b.keys).toEqual(a.keys);
    });
  });
}
