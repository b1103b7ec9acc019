import { bestRows } from './run-view.js';
import type { RunCatalog } from './runs.js';
import { compareSpecs } from './specs.js';
import type { Row, RunSummary, RunsView } from './view.js';

/** Every run's summary and the best-so-far lines that put runs side by side (e.g. with and without the predictor). */
export function runsView(catalog: RunCatalog): RunsView {
  const runs: RunSummary[] = [];
  const compare: Row[] = [];
  for (const source of catalog.all()) {
    const view = source.view();
    const folded = source.folded();
    if (!view || !folded) continue;
    runs.push(view.summary);
    for (const row of bestRows(folded.data)) compare.push({ run: source.name, ...row });
  }
  return { runs, specs: compareSpecs(), datasets: { compare } };
}
