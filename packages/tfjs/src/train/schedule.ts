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

/** Each schedule type: how many numbers its label takes, and how a refusal says so. */
const SCHEDULE_TYPES: Readonly<
  Record<LearningRateSchedule['type'], { numbers: [number, number]; takes: string }>
> = {
  constant: { numbers: [0, 0], takes: 'no numbers' },
  cosine: { numbers: [0, 1], takes: 'at most its minimum rate' },
  step: { numbers: [2, 2], takes: 'EVERY and GAMMA' },
};

const isScheduleType = (type: unknown): type is LearningRateSchedule['type'] =>
  typeof type === 'string' && Object.hasOwn(SCHEDULE_TYPES, type);

/** The schedule a label names, or what is wrong with it (the message without a place). */
export function readScheduleLabel(label: string): { schedule: LearningRateSchedule } | { problem: string } {
  const problem = (why: string) => ({ problem: `expected ${LABEL_FORMS}, got '${label}' (${why})` });
  const [type = '', ...args] = label.split(':').map((part) => part.trim());
  if (!isScheduleType(type)) return problem(`unknown schedule '${type}'`);
  const {
    numbers: [fewest, most],
    takes,
  } = SCHEDULE_TYPES[type];
  if (args.length < fewest || args.length > most) return problem(`a ${type} schedule takes ${takes}`);
  const numbers: number[] = [];
  for (const arg of args) {
    if (arg === '') return problem('a number is empty');
    const n = Number(arg);
    if (!Number.isFinite(n)) return problem(`'${arg}' is not a finite number`);
    numbers.push(n);
  }
  if (type === 'constant') return { schedule: { type: 'constant' } };
  if (type === 'cosine') {
    const [min] = numbers;
    if (min === undefined) return { schedule: { type: 'cosine' } };
    if (min < 0) return problem('the minimum rate must be >= 0');
    return { schedule: { type: 'cosine', minLearningRate: min } };
  }
  const [every, gamma] = numbers as [number, number];
  if (!(every > 0)) return problem('EVERY must be > 0 epochs');
  if (!(gamma > 0)) return problem('GAMMA must be > 0');
  return { schedule: { type: 'step', every, gamma } };
}

/** Reads a schedule label; a malformed one is a RangeError that names `where` and the forms expected. */
export function parseScheduleLabel(label: string, where = 'schedule'): LearningRateSchedule {
  const read = readScheduleLabel(label);
  if ('problem' in read) throw new RangeError(`${where}: ${read.problem}`);
  return read.schedule;
}

/**
 * Checks a schedule given as an object (a caller outside the config schema may pass anything) by writing it as a
 * label and reading it back: the same checks and messages as a label's.
 */
export function checkedSchedule(
  schedule: LearningRateSchedule | ScheduleLabel,
  where: string,
): LearningRateSchedule {
  if (typeof schedule === 'string') return parseScheduleLabel(schedule, where);
  if (
    typeof schedule !== 'object' ||
    schedule === null ||
    !isScheduleType((schedule as { type?: unknown }).type)
  )
    throw new RangeError(
      `${where}: expected a schedule label or { type: 'constant' | 'cosine' | 'step', … }, got ${JSON.stringify(schedule)}`,
    );
  return parseScheduleLabel(scheduleLabel(schedule), where);
}
