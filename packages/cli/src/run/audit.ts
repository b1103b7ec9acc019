import type { Genome, Plugin } from '@penguin-nas/core';
import { type AuditSummary, PREDICTOR_PLUGIN, type PredictorPlugin } from '@penguin-nas/predictor';

/**
 * The predictor's audit of this run (trials trained fully on purpose, judged all the same; see the predictor
 * README), when the run has a predictor plugin that audited any trial.
 */
export function predictorAudit(plugins: readonly Plugin<Genome>[]): AuditSummary | undefined {
  for (const plugin of plugins) {
    if (typeof plugin === 'function' || plugin.name !== PREDICTOR_PLUGIN) continue;
    const summary = (plugin as Partial<PredictorPlugin>).predictor?.auditSummary();
    if (summary !== undefined) return summary;
  }
  return undefined;
}
