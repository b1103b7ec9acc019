import {
  createHooks,
  type EpochLogs,
  type Fitness,
  type ObjectiveSpec,
  type PluginObject,
  type Prediction,
  type TerminateDecision,
  type TrialSnapshot,
  type TrialView,
} from '@penguin-nas/core';

export interface DrivenTrial {
  readonly predictions: Prediction[];
  readonly decision?: TerminateDecision;
  readonly fitness: Fitness;
  readonly events: unknown[];
}

/**
 * Calls a plugin's hooks directly, as the engine would for one trial (no engine, no journal), so property
 * tests can run thousands of curves quickly.
 */
export function hookDriver(plugin: PluginObject, objectives: readonly ObjectiveSpec[], maxEpochs: number) {
  const hooks = createHooks();
  const events: unknown[] = [];
  plugin.apply({ hooks, objectives, maxEpochs, log: (event) => events.push(event) });
  let index = 0;

  return async function trial(logs: readonly EpochLogs[]): Promise<DrivenTrial> {
    const id = `t${index}`;
    const base = {
      id,
      index: index++,
      genome: {},
      maxEpochs,
      staticObjectives: {},
      seed: 0,
      cost: { epochs: 0, seconds: 0 },
    };
    const curve: EpochLogs[] = [];
    const predictions: Prediction[] = [];
    const snapshot = (
      status: TrialSnapshot['status'],
      extra: Partial<TrialSnapshot> = {},
    ): TrialSnapshot => ({
      ...base,
      status,
      curve: curve.slice(),
      predictions: predictions.slice(),
      cost: { epochs: curve[curve.length - 1]?.epoch ?? 0, seconds: 0 },
      ...extra,
    });
    await hooks.onTrialStart.promise(snapshot('running'));
    let decision: TerminateDecision | undefined;
    for (const entry of logs) {
      curve.push(entry);
      const view: TrialView = { ...snapshot('running'), recordPrediction: (p) => predictions.push(p) };
      await hooks.onEpochEnd.promise(view, entry);
      decision = await hooks.shouldTerminate.promise({ ...view, predictions: predictions.slice() });
      if (decision !== undefined) break;
    }
    const status = decision !== undefined ? 'stopped' : 'completed';
    const measured: Fitness = Object.fromEntries(
      objectives.map((o) => {
        const metric = o.metric ?? o.name;
        const values = curve
          .map((c) => c[metric])
          .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        const fallback = o.direction === 'maximize' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        return [
          o.name,
          { value: values[values.length - 1] ?? fallback, direction: o.direction, source: 'measured' },
        ];
      }),
    );
    const ended = snapshot(status, decision === undefined ? {} : { decision });
    const fitness = await hooks.onFitness.promise(measured, ended);
    await hooks.onTrialEnd.promise({ ...ended, fitness });
    return decision === undefined
      ? { predictions, fitness, events }
      : { predictions, decision, fitness, events };
  };
}
