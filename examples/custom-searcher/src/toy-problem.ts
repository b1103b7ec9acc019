/**
 * A self-contained problem for the example: a small CNN-like space and a trainer that "trains" in
 * microseconds by drawing a saturating learning curve (accuracy in percent) whose ceiling and speed depend on
 * the genome, plus seeded noise. Real runs use @penguin-nas/tfjs or the replay trainer instead.
 */
import { createRng, defineSpace, type Genome, type Trainer } from '@penguin-nas/core';

export const toySpace = defineSpace({
  name: 'toy-cnn',
  decisions: [
    { kind: 'int', name: 'blocks', low: 1, high: 4 },
    { kind: 'categorical', name: 'op1', choices: ['conv3', 'conv5', 'pool'] },
    { kind: 'categorical', name: 'op2', choices: ['conv3', 'conv5', 'pool'] },
    { kind: 'categorical', name: 'width', choices: [16, 32, 64] },
    { kind: 'float', name: 'lr', low: 1e-3, high: 1e-1, log: true },
  ],
});

/** The accuracy the genome converges to, and how many epochs it takes to get most of the way. */
export function toyCurveShape(g: Genome): { ceiling: number; tau: number } {
  const convs = [g.op1, g.op2].filter((op) => op !== 'pool').length;
  const lrPenalty = (Math.log10(g.lr as number) + 2) ** 2; // best at lr = 0.01
  const ceiling =
    55 + 8 * convs + 3 * Math.log2((g.width as number) / 16) + 3 * (g.blocks as number) - 12 * lrPenalty;
  return { ceiling, tau: 2 + 6 * lrPenalty + (g.blocks as number) };
}

export const toyTrainer: Trainer = {
  name: 'toy-curves',
  staticObjectives: (g) => ({ params: (g.blocks as number) * (g.width as number) ** 2 }),
  async train(trial, report) {
    const { ceiling, tau } = toyCurveShape(trial.genome);
    const noise = createRng(trial.seed);
    let epoch = 0;
    while (epoch < trial.maxEpochs && !trial.signal.aborted) {
      epoch++;
      const val_acc = ceiling - (ceiling - 10) * Math.exp(-epoch / tau) + 0.3 * noise.normal();
      if ((await report({ epoch, val_acc })) === 'stop') break;
    }
    return { epochs: epoch };
  },
};
