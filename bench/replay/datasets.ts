import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/data/curves beside the checkout (read by path, never copied); `PENGUIN_CURVES` overrides it. */
const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));
export const CURVES = process.env.PENGUIN_CURVES ?? SHARED_CURVES;

/** A development set of recorded curves: the metric to predict and how many curves a sweep replays. */
export interface DevelopmentSet {
  readonly file: string;
  readonly metric: string;
  readonly direction: 'maximize' | 'minimize';
  /** What the curves are, for tables. */
  readonly about: string;
  /** Curves a frontier sweep replays: the first `limit` of each seeded order (undefined: all). */
  readonly limit?: number;
}

/**
 * The five development sources of `../shared/data/curves` (see its README), and a search recorded here whose genomes
 * include the learning-rate schedule (its best networks bloom late). The limits keep one sweep within
 * minutes on a 2-core machine: each seed replays a different seeded subset of the two large sets.
 */
export const DEVELOPMENT_SETS = {
  nb201: {
    file: join(CURVES, 'nb201-cifar10-valid.jsonl'),
    metric: 'val_acc',
    direction: 'maximize',
    about: 'NAS-Bench-201, CIFAR-10, 200 epochs, cosine',
  },
  taskset: {
    file: join(CURVES, 'taskset-imdb-rnn-dev.jsonl'),
    metric: 'valid_loss',
    direction: 'minimize',
    about: 'TaskSet RNN text classifiers, 50 evaluations, loss',
    limit: 300,
  },
  quicktune: {
    file: join(CURVES, 'quicktune-dev.jsonl'),
    metric: 'val_acc',
    direction: 'maximize',
    about: 'fine-tuning on 13 datasets, 50 epochs, varied schedules',
    limit: 300,
  },
  nlp: {
    file: join(CURVES, 'nasbench-nlp-wt2.jsonl'),
    metric: 'val_loss',
    direction: 'minimize',
    about: 'NAS-Bench-NLP language models, 50 epochs, loss',
    limit: 200,
  },
  a4nn: {
    file: join(CURVES, 'a4nn-xfel-1e14.jsonl'),
    metric: 'val_acc',
    direction: 'maximize',
    about: 'NSGA-Net CNNs on X-ray diffraction, 25 epochs',
  },
  schedules: {
    // Recorded here by bench/e2e (its README has the command), so it lives in the repository, not in shared/.
    file: fileURLToPath(new URL('../e2e/curves/fmnist-mlp-schedules-150.jsonl', import.meta.url)),
    metric: 'val_acc',
    direction: 'maximize',
    about: 'Fashion-MNIST MLPs, SGD, 4 learning-rate schedules, 20 epochs (late bloomers)',
  },
} as const satisfies Record<string, DevelopmentSet>;

export type DevelopmentSetName = keyof typeof DEVELOPMENT_SETS;

/** The named sets, checked: an unknown name is an error that lists the known ones. */
export function developmentSets(names: string | undefined): DevelopmentSetName[] {
  const known = Object.keys(DEVELOPMENT_SETS) as DevelopmentSetName[];
  if (names === undefined || names === 'all') return known;
  const picked = names.split(',').map((s) => s.trim());
  for (const name of picked) {
    if (!known.includes(name as DevelopmentSetName))
      throw new Error(`--dataset: expected one of ${known.join(', ')} or all, got ${name}`);
  }
  return picked as DevelopmentSetName[];
}
