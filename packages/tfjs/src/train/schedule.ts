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

/** What is wrong with a label, as `parseScheduleLabel` says it after `where: `. */
class LabelProblem extends Error {}

/** The schedule a label names, or what is wrong with it (the message without a place). */
export function readScheduleLabel(label: string): { schedule: LearningRateSchedule } | { problem: string } {
  try {
    return { schedule: scheduleOfLabel(label) };
  } catch (error) {
    if (error instanceof LabelProblem) return { problem: error.message };
    throw error;
  }
}

/** Reads a schedule label; a malformed one is a RangeError that names `where` and the forms expected. */
export function parseScheduleLabel(label: string, where = 'schedule'): LearningRateSchedule {
  const read = readScheduleLabel(label);
  if ('problem' in read) throw new RangeError(`${where}: ${read.problem}`);
  return read.schedule;
}

function scheduleOfLabel(label: string): LearningRateSchedule {
  const [type = '', ...args] = label.split(':').map((part) => part.trim());
  const fail = (why: string): never => {
    throw new LabelProblem(`expected ${LABEL_FORMS}, got '${label}' (${why})`);
  };
  const arity: Record<string, [number, number]> = { constant: [0, 0], cosine: [0, 1], step: [2, 2] };
  const range = arity[type];
  if (range === undefined) return fail(`unknown schedule '${type}'`);
  if (args.length < range[0] || args.length > range[1]) {
    const takes = { constant: 'no numbers', cosine: 'at most its minimum rate', step: 'EVERY and GAMMA' }[
      type as 'constant' | 'cosine' | 'step'
    ];
    fail(`a ${type} schedule takes ${takes}`);
  }
  const numbers = args.map((a) => {
    if (a === '') fail('a number is empty');
    const n = Number(a);
    if (!Number.isFinite(n)) fail(`'${a}' is not a finite number`);
    return n;
  });
  if (type === 'constant') return { type: 'constant' };
  if (type === 'cosine') {
    const [min] = numbers;
    if (min === undefined) return { type: 'cosine' };
    if (min < 0) fail('the minimum rate must be >= 0');
    return { type: 'cosine', minLearningRate: min };
  }
  const [every, gamma] = numbers as [number, number];
  if (!(every > 0)) fail('EVERY must be > 0 epochs');
  if (!(gamma > 0)) fail('GAMMA must be > 0');
  return { type: 'step', every, gamma };
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
  const known = ['constant', 'cosine', 'step'];
  if (
    typeof schedule !== 'object' ||
    schedule === null ||
    !known.includes((schedule as { type?: unknown }).type as string)
  )
    throw new RangeError(
      `${where}: expected a schedule label or { type: 'constant' | 'cosine' | 'step', … }, got ${JSON.stringify(schedule)}`,
    );
  return parseScheduleLabel(scheduleLabel(schedule), where);
}
