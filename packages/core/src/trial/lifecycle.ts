import { PenguinError } from '../errors.js';

/**
 * Where a trial is in its life. Every transition is journalled:
 *
 *   created ──trial-started──▶ running ──decision / error / cancel──▶ stopping
 *                                 │                                    │    └──(cancelled run)──▶ interrupted
 *                                 └────────────trial-ended─────────────┴──▶ ended ──trial-told──▶ told
 *
 * `interrupted` is where a trial aborted by a cancelled run rests: `resume` launches it again as a new attempt.
 */
export type TrialPhase = 'created' | 'running' | 'stopping' | 'ended' | 'told' | 'interrupted';

/** The phases each phase may move to: the one place the lifecycle is written down. */
export const TRIAL_TRANSITIONS: Readonly<Record<TrialPhase, readonly TrialPhase[]>> = Object.freeze({
  created: ['running'],
  running: ['stopping', 'ended'],
  stopping: ['ended', 'interrupted'],
  ended: ['told'],
  told: [],
  interrupted: [],
});

/** Whether a trial may move from `from` to `to`. */
export function canTransition(from: TrialPhase, to: TrialPhase): boolean {
  return TRIAL_TRANSITIONS[from].includes(to);
}

/** Throws a LIFECYCLE_ERROR naming the trial and both phases unless the move is allowed. */
export function assertTransition(trialId: string, from: TrialPhase, to: TrialPhase): void {
  if (canTransition(from, to)) return;
  const allowed = TRIAL_TRANSITIONS[from];
  throw new PenguinError(
    'LIFECYCLE_ERROR',
    `trial ${trialId}: cannot move from ${from} to ${to}; expected ${
      allowed.length > 0 ? allowed.join(' or ') : `nothing (${from} is final)`
    }`,
  );
}
