export { type DescribeSearcherOptions, describeSearcher } from './describe-searcher.js';
export {
  conformanceSpace,
  type DriveResult,
  defaultObjectives,
  drive,
  finishedTrial,
  finiteSpace,
  fitnessFor,
  makeSearcher,
  syntheticValue,
} from './drive.js';
export { type RecordedRunOptions, runOnRecordedCurves, sourceText, type ToldRecord } from './recorded-run.js';
