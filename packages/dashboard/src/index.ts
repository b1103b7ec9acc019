export { checkListenOptions } from './access.js';
export { JournalTail } from './journal-tail.js';
export { type FoldedRun, foldRun } from './run-data.js';
export { RunSource } from './run-source.js';
export { curveMetric, runView } from './run-view.js';
export { RunCatalog } from './runs.js';
export { type Dashboard, type DashboardOptions, startDashboard } from './server.js';
export type { Row, RunSummary, RunsView, RunView, TrialRow } from './view.js';
