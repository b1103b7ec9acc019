export { main } from './cli.js';
export { type CliIO, EXIT, type OutputStream, processIO } from './commands/io.js';
export { resumeCommand } from './commands/resume.js';
export { runCommand } from './commands/run.js';
export * from './config/index.js';
export * from './progress/index.js';
export * from './registry/index.js';
export { type ResolvedRun, resolveRun } from './run/resolve.js';
export { formatSummary, type SummaryJson, summaryJson } from './run/summary.js';
