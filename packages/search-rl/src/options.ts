/** Options and plain-JSON state of the REINFORCE searcher (zod schemas, also used by the CLI registry). */
import { z } from 'zod';

export const reinforceOptions = z.strictObject({
  /** Adam learning rate of the controller. */
  learningRate: z.number().positive().default(0.01),
  /** Results per policy-gradient step. */
  batchSize: z.number().int().min(1).default(8),
  /** Decay of the moving-average baseline: b ← decay · b + (1 − decay) · reward. */
  baselineDecay: z.number().min(0).max(1).default(0.9),
  /** Weight of the entropy bonus (keeps the controller exploring). */
  entropyWeight: z.number().min(0).default(0.0001),
  /** Reward = objective value (negated when minimised) × rewardScale. */
  rewardScale: z.number().positive().default(1),
  /** Reward of a failed trial, in reward units; unset = the lowest reward seen so far (0 before any). */
  failureReward: z.number().optional(),
  /** Grid values per float decision; unset = spaces with float decisions are rejected. */
  floatBins: z.number().int().min(2).max(1024).optional(),
  /** LSTM hidden units (and embedding size). */
  hiddenSize: z.number().int().min(1).max(512).default(32),
  /** Controller samples tried before falling back to a uniform new genome when samples repeat known genomes. */
  maxResample: z.number().int().min(1).default(20),
  /** Logits are tanhConstant · tanh(raw) as in ENAS, so the controller never becomes deterministic; 0 = raw logits. */
  tanhConstant: z.number().min(0).default(2.5),
  /** Temperature added per repeated sample: attempt k samples at temperature 1 + k · resampleHeat. */
  resampleHeat: z.number().min(0).default(0.5),
  /** The run objective to reward (default: the first declared). */
  objective: z.string().optional(),
});
export type ReinforceOptions = z.input<typeof reinforceOptions>;

const flat = z.array(z.array(z.number()));
const sample = z.object({ actions: z.array(z.number().int().min(0)), mask: z.array(z.number()) });

export const reinforceStateSchema = z.object({
  version: z.literal(1),
  rng: z.object({ kind: z.literal('xoroshiro128plus'), words: z.array(z.number()) }),
  weights: z.object({ values: flat, adamM: flat, adamV: flat, adamStep: z.number().int().min(0) }),
  baseline: z.number().nullable(),
  lowestReward: z.number().nullable(),
  updates: z.number().int().min(0),
  batch: z.array(sample.extend({ reward: z.number().nullable() })),
  outstanding: z.array(sample),
  seen: z.array(z.string()),
});
export type ReinforceState = z.infer<typeof reinforceStateSchema>;
