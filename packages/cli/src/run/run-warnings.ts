import type { Genome, ObjectiveSpec, PluginObject, TrialSnapshot } from '@penguin-nas/core';
import { AUDIT_PREDICTION_BY } from '@penguin-nas/predictor';

const NAME = 'penguin-run-warnings';

/**
 * Says once on the console what the journal alone would hide, when the first trial that shows it ends:
 * - a learned objective whose metric the trial never logged (the run would go on with every fitness the worst value);
 * - a trial whose every prediction is missing (a custom formula that never fits: the predictor stops nothing);
 * - a trial that completed short of maxEpochs (recorded curves shorter than maxEpochs are not silently capped).
 */
export function runWarnings(
  objectives: readonly ObjectiveSpec[],
  warn: (line: string) => void,
): PluginObject<Genome> {
  let objectivesChecked = false;
  let predictionsWarned = false;
  let shortWarned = false;
  const checkLength = (trial: TrialSnapshot<Genome>) => {
    const last = trial.curve.at(-1)?.epoch ?? 0;
    if (trial.status !== 'completed' || last >= trial.maxEpochs) return;
    shortWarned = true;
    warn(
      `trial ${trial.id} completed after ${last} of maxEpochs ${trial.maxEpochs} epochs: its trainer (or recorded ` +
        'curve) ends there, so fitness and predictions compare curves of different lengths; lower maxEpochs to ' +
        `${last} or train longer`,
    );
  };
  const checkObjectives = (trial: TrialSnapshot<Genome>) => {
    objectivesChecked = true;
    const logged = [...new Set(trial.curve.flatMap((logs) => Object.keys(logs)))].filter(
      (k) => k !== 'epoch',
    );
    for (const [index, objective] of objectives.entries()) {
      const metric = objective.metric ?? objective.name;
      if (objective.from !== 'curve' || logged.includes(metric)) continue;
      warn(
        `objectives[${index}] ${objective.name}: trial ${trial.id} logged no metric '${metric}' ` +
          `(it logged ${logged.join(', ') || 'none'}), so every trial gets the worst fitness; ` +
          'name one of the logged metrics',
      );
    }
  };
  const checkPredictions = (trial: TrialSnapshot<Genome>) => {
    // An audit's placeholder (the predictor had none at that point) is not a prediction that failed.
    const predictions = trial.predictions.filter((p) => p.by !== AUDIT_PREDICTION_BY);
    if (predictions.length === 0 || predictions.some((p) => p.value !== null)) return;
    predictionsWarned = true;
    const reason = predictions.find((p) => p.reason)?.reason ?? 'no reason given';
    warn(
      `trial ${trial.id}: none of its ${predictions.length} predictions has a value (${reason}); ` +
        'while its model cannot fit, the predictor stops nothing (the journal has every prediction)',
    );
  };
  return {
    name: NAME,
    apply(host) {
      host.hooks.onTrialEnd.tap(NAME, (trial) => {
        if (!objectivesChecked && trial.curve.length > 0) checkObjectives(trial);
        if (!predictionsWarned) checkPredictions(trial);
        if (!shortWarned) checkLength(trial);
      });
    },
  };
}
