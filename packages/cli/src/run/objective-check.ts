import type { Genome, ObjectiveSpec, PluginObject } from '@penguin-nas/core';

/**
 * Warns once, when the first trial that logged anything ends, about each learned objective whose metric it never
 * logged: such a run would go on to the end with every fitness the worst value and no other sign of the typo.
 */
export function objectiveCheck(
  objectives: readonly ObjectiveSpec[],
  warn: (line: string) => void,
): PluginObject<Genome> {
  let checked = false;
  return {
    name: 'penguin-objective-check',
    apply(host) {
      host.hooks.onTrialEnd.tap('penguin-objective-check', (trial) => {
        if (checked || trial.curve.length === 0) return;
        checked = true;
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
      });
    },
  };
}
