import type { FinishedLine, ProgressState, RunningTrial } from './state.js';

/** 91.2345 → `91.23`; large or tiny values stay readable. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs !== 0 && abs < 0.01) return value.toExponential(2);
  return value.toFixed(2);
}

/** Epochs may be fractional (validation every half epoch). */
export function formatEpochs(epochs: number): string {
  return Number.isInteger(epochs) ? String(epochs) : epochs.toFixed(1);
}

/** 75_000 ms → `1:15`; 4_000_000 ms → `1:06:40`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** `trials 12/50 · epochs 450 (saved 62.1%) · best val_acc 91.20 (t7) · 0:12` */
export function headerLine(state: ProgressState, elapsedMs: number): string {
  const { budget } = state;
  const parts = [`trials ${state.finished}${budget.trials !== undefined ? `/${budget.trials}` : ''}`];
  if (state.failed > 0) parts[0] += ` (${state.failed} failed)`;
  const epochs = formatEpochs(state.epochsSoFar());
  parts.push(
    `epochs ${epochs}${budget.epochs !== undefined ? `/${budget.epochs}` : ''}${
      state.baselineEpochs > 0 ? ` (saved ${percent(state.saved())})` : ''
    }`,
  );
  if (state.best) parts.push(`best ${state.objective} ${formatValue(state.best.value)} (${state.best.id})`);
  parts.push(
    `${formatDuration(elapsedMs)}${budget.seconds !== undefined ? `/${formatDuration(budget.seconds * 1000)}` : ''}`,
  );
  return parts.join(' · ');
}

/** `  t13  epoch 7/200  val_acc 80.10  predicted 88.20` */
export function runningLine(trial: RunningTrial, state: ProgressState): string {
  const predicted = trial.predicted === undefined ? '' : `  predicted ${formatValue(trial.predicted)}`;
  return `  ${trial.id}  epoch ${formatEpochs(trial.epoch)}/${formatEpochs(state.maxEpochs)}  ${state.metric} ${formatValue(trial.value)}${predicted}`;
}

/** One line per finished trial, for logs: `[12/50] t11 stopped at epoch 9: val_acc 88.12 (predicted)`. */
export function finishedLine(line: FinishedLine, state: ProgressState): string {
  const count = `[${state.finished}${state.budget.trials !== undefined ? `/${state.budget.trials}` : ''}]`;
  if (line.status === 'failed')
    return `${count} ${line.id} failed after ${formatEpochs(line.epochs)} epochs: ${line.error ?? 'unknown error'}`;
  const how =
    line.status === 'stopped'
      ? `stopped at epoch ${formatEpochs(line.epochs)}`
      : `completed ${formatEpochs(line.epochs)} epochs`;
  const value = `${state.objective} ${formatValue(line.value)}${line.predicted ? ' (predicted)' : ''}`;
  const totals = `epochs ${formatEpochs(state.epochsSoFar())}${state.baselineEpochs > 0 ? ` (saved ${percent(state.saved())})` : ''}`;
  return `${count} ${line.id} ${how}: ${value} · ${totals}`;
}

/** `  t13 epoch 7/200 val_acc 80.10 predicted 88.20` for logs, sent now and then during long trials. */
export function epochLogLine(trial: RunningTrial, state: ProgressState): string {
  return runningLine(trial, state).trim().replace(/ {2}/g, ' ');
}
