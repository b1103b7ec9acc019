/**
 * REINFORCE with a recurrent controller (Zoph & Le 2017; the ENAS controller). The controller samples a
 * genome step by step; after every `batchSize` results it takes one policy-gradient step on
 * (reward − baseline) · log π(genome) plus an entropy bonus, with an exponential-moving-average baseline.
 * Only `ask`/`tell`: measured and predicted fitness are rewards alike.
 */

import type {
  FinishedTrial,
  Fitness,
  Genome,
  ObjectiveSpec,
  Searcher,
  SearcherContext,
} from '@penguin-nas/core';
import { createRngFromState, type Rng } from '@penguin-nas/core';
import * as tf from '@tensorflow/tfjs';
import { Controller, type ControllerWeights, checkWeights, initialWeights } from './controller.js';
import { encodeSpace } from './encoding.js';
import {
  type ReinforceOptions,
  type ReinforceState,
  reinforceOptions,
  reinforceStateSchema,
} from './options.js';
import { UniqueActions } from './unique-actions.js';

export interface ReinforceSearcher<G extends Genome = Genome> extends Searcher<G> {
  /** Policy-gradient steps taken so far. */
  readonly updates: number;
  /** The moving-average baseline (undefined before the first batch). */
  readonly baseline: number | undefined;
  /** The controller's probabilities for the first step's values. */
  firstStepProbabilities(): Promise<number[]>;
  /** Frees the controller's tensors. The searcher cannot be used afterwards. */
  dispose(): void;
}

interface Sample {
  readonly actions: number[];
  readonly mask: number[];
}

interface Result extends Sample {
  readonly reward: number | null;
}

/** `reinforce({ batchSize: 8 })` gives a searcher factory; the space is checked when the engine calls it. */
export function reinforce<G extends Genome = Genome>(
  options: ReinforceOptions = {},
): (context: SearcherContext<G>) => ReinforceSearcher<G> {
  const opts = reinforceOptions.parse(options);
  return ({ space, rng: contextRng, objectives }) => {
    const encoding = encodeSpace(space, opts.floatBins);
    const objective = pickObjective(objectives, opts.objective);
    let rng: Rng = contextRng;
    const shape = {
      vocab: encoding.steps.map((s) => s.values.length),
      hiddenSize: opts.hiddenSize,
      tanhConstant: opts.tanhConstant,
    };
    // Plain arrays until the first ask or update: the tensors need a ready TensorFlow.js backend, and the
    // highest-priority one (e.g. wasm, once @penguin-nas/tfjs is loaded) initialises asynchronously.
    let weights: ControllerWeights = initialWeights(shape, rng.fork('reinforce:init'));
    let controller: Controller | undefined;
    let building: Promise<Controller> | undefined;
    const ready = (): Promise<Controller> => {
      building ??= tf.ready().then(() => {
        controller = new Controller(shape, weights);
        return controller;
      });
      return building;
    };
    const unique = new UniqueActions(space, encoding);
    const outstanding = new Map<string, Sample>();
    let batch: Result[] = [];
    let baseline: number | undefined;
    let lowestReward: number | undefined;
    let updates = 0;

    const rewardOf = (fitness: Fitness): number | null => {
      const value = fitness[objective.name]?.value;
      if (value === undefined || !Number.isFinite(value)) return null;
      return (objective.direction === 'maximize' ? value : -value) * opts.rewardScale;
    };

    const learn = async () => {
      const model = await ready();
      // A failed trial earns failureReward, else the lowest reward seen so far (0 before any).
      const rewards = batch.map((r) => r.reward ?? opts.failureReward ?? lowestReward ?? 0);
      const start = baseline ?? rewards.reduce((a, b) => a + b, 0) / rewards.length;
      const advantages = rewards.map((r) => r - start);
      model.update(
        { actions: batch.map((r) => r.actions), masks: batch.map((r) => r.mask), advantages },
        opts.learningRate,
        opts.entropyWeight,
      );
      let b = start;
      for (const r of rewards) b = opts.baselineDecay * b + (1 - opts.baselineDecay) * r;
      baseline = b;
      batch = [];
      updates++;
    };

    return {
      name: 'reinforce',
      get updates() {
        return updates;
      },
      get baseline() {
        return baseline;
      },
      async ask(n) {
        const model = await ready();
        const out: G[] = [];
        while (out.length < n) {
          const proposal = unique.propose(
            (attempt) => model.sample(rng, 1 + attempt * opts.resampleHeat),
            rng,
            opts.maxResample,
          );
          if (proposal === undefined) break;
          outstanding.set(space.key(proposal.genome), { actions: proposal.actions, mask: proposal.mask });
          out.push(proposal.genome);
        }
        return out;
      },
      async tell(trial: FinishedTrial<G>, fitness: Fitness) {
        let key = space.key(trial.genome);
        if (!outstanding.has(key) && trial.repairedFrom) key = space.key(trial.repairedFrom as G);
        const sample = outstanding.get(key);
        if (sample === undefined) return; // not proposed by this searcher (or told twice)
        outstanding.delete(key);
        const reward = rewardOf(fitness);
        if (reward !== null) lowestReward = Math.min(lowestReward ?? reward, reward);
        batch.push({ ...sample, reward });
        if (batch.length >= opts.batchSize) await learn();
      },
      firstStepProbabilities: async () => (await ready()).firstStepProbabilities(),
      state(): ReinforceState {
        return {
          version: 1,
          rng: { kind: rng.state().kind, words: [...rng.state().words] },
          weights: controller ? controller.getWeights() : weights,
          baseline: baseline ?? null,
          lowestReward: lowestReward ?? null,
          updates,
          batch: batch.map((r) => ({ actions: r.actions, mask: r.mask, reward: r.reward })),
          outstanding: [...outstanding.values()].map((s) => ({ actions: s.actions, mask: s.mask })),
          seen: unique.toJSON(),
        };
      },
      restore(state: unknown) {
        const parsed = reinforceStateSchema.safeParse(state);
        if (!parsed.success) {
          throw new Error(
            `reinforce.restore: expected a state from reinforce.state(), got invalid state: ${parsed.error.message}`,
          );
        }
        const s = parsed.data;
        checkWeights(shape, s.weights);
        if (controller) controller.setWeights(s.weights);
        else weights = s.weights;
        rng = createRngFromState(s.rng);
        baseline = s.baseline ?? undefined;
        lowestReward = s.lowestReward ?? undefined;
        updates = s.updates;
        batch = s.batch.map((r) => ({ actions: r.actions, mask: r.mask, reward: r.reward }));
        outstanding.clear();
        for (const o of s.outstanding) outstanding.set(space.key(encoding.decode(o.actions).genome), o);
        unique.restore(s.seen);
      },
      dispose: () => controller?.dispose(),
    };
  };
}

function pickObjective(objectives: readonly ObjectiveSpec[], name: string | undefined): ObjectiveSpec {
  if (objectives.length === 0)
    throw new Error('reinforce: expected at least one objective in the run, got none');
  if (name === undefined) return objectives[0] as ObjectiveSpec;
  const found = objectives.find((o) => o.name === name);
  if (!found) {
    throw new Error(
      `reinforce: objective: expected one of ${objectives.map((o) => JSON.stringify(o.name)).join(', ')}, got ${JSON.stringify(name)}`,
    );
  }
  return found;
}
