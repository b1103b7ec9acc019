// npm start: the search with 40 epochs per model; SMOKE=1 for a quick run.
import { search } from './search.js';

const epochs = process.env.SMOKE ? 15 : 40;
const { results, summary } = await search({ epochs, ...(process.env.SMOKE ? { train: 400 } : {}) });
for (const r of results) {
  const acc = r.fitness.val_acc;
  console.log(
    `${JSON.stringify(r.candidate)}: ${r.epochsTrained}/${epochs} epochs, val_acc ${acc?.value.toFixed(2)} (${acc?.source})`,
  );
}
const trained = results.reduce((n, r) => n + r.epochsTrained, 0);
console.log(
  `epochs trained ${trained} of ${epochs * results.length}; best ${JSON.stringify(summary.best?.genome)}`,
);
