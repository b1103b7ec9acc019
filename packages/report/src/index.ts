export { curvesChart, epochsChart, paretoChart, predictionsChart, progressChart } from './charts.js';
export { latestAudit, loadRun, type ReportTrial, type RunData } from './load-run.js';
export { renderReport, renderSvg, writeReport } from './render.js';
export { paretoFront, type RunStatistics, ranked, runStatistics } from './statistics.js';
