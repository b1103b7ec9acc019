/** How the learning rate moves over training. Epochs are fractional (`epoch = step / stepsPerEpoch`). */
export type LearningRateSchedule =
  | { readonly type: 'constant' }
  /** From the base rate down to `minLearningRate` (default 0) at `maxEpochs`, along half a cosine. */
  | { readonly type: 'cosine'; readonly minLearningRate?: number | undefined }
  /** Multiplied by `gamma` every `every` epochs. */
  | { readonly type: 'step'; readonly every: number; readonly gamma: number };

/** The learning rate at a (fractional) epoch. */
export function learningRateAt(
  schedule: LearningRateSchedule,
  base: number,
  epoch: number,
  maxEpochs: number,
): number {
  switch (schedule.type) {
    case 'constant':
      return base;
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      const progress = Math.min(1, Math.max(0, epoch / maxEpochs));
      return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * progress));
    }
    case 'step':
      return base * schedule.gamma ** Math.floor(epoch / schedule.every + 1e-9);
  }
}

/**
 * A schedule as one string, the form a genome holds when the schedule is searched: `'constant'`, `'cosine'`,
 * `'cosine:MIN'` (down to MIN at `maxEpochs`) or `'step:EVERY:GAMMA'` (times GAMMA every EVERY epochs).
 */
export type ScheduleLabel = string;

/** The label of a schedule; `parseScheduleLabel` reads it back to an equal schedule. */
export function scheduleLabel(schedule: LearningRateSchedule): ScheduleLabel {
  switch (schedule.type) {
    case 'constant':
      return 'constant';
    case 'cosine':
      return schedule.minLearningRate === undefined ? 'cosine' : `cosine:${schedule.minLearningRate}`;
    case 'step':
      return `step:${schedule.every}:${schedule.gamma}`;
  }
}

const LABEL_FORMS = "'constant', 'cosine', 'cosine:MIN' or 'step:EVERY:GAMMA' (e.g. 'step:10:0.1')";

/** Reads a schedule label; a malformed one is a RangeError that names `where` and the forms expected. */
export function parseScheduleLabel(label: string, where = 'schedule'): LearningRateSchedule {
  const [type, ...args] = label.split(':');
  const numbers = args.map((a) => (a.trim() === '' ? Number.NaN : Number(a)));
  const fail = (why: string): never => {
    throw new RangeError(`${where}: expected ${LABEL_FORMS}, got '${label}' (${why})`);
  };
  if (numbers.some((n) => !Number.isFinite(n))) fail('its numbers must be finite');
  switch (type) {
    case 'constant':
      if (args.length > 0) fail('a constant schedule takes no numbers');
      return { type: 'constant' };
    case 'cosine': {
      if (args.length > 1) fail('a cosine schedule takes at most its minimum rate');
      const min = numbers[0];
      if (min === undefined) return { type: 'cosine' };
      if (min < 0) fail('the minimum rate must be >= 0');
      return { type: 'cosine', minLearningRate: min };
    }
    case 'step': {
      const [every, gamma] = numbers;
      if (args.length !== 2 || every === undefined || gamma === undefined)
        fail('a step schedule takes EVERY and GAMMA');
      if (!((every as number) > 0)) fail('EVERY must be > 0 epochs');
      if (!((gamma as number) > 0)) fail('GAMMA must be > 0');
      return { type: 'step', every: every as number, gamma: gamma as number };
    }
    default:
      return fail(`unknown schedule '${type}'`);
  }
}
