import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * Engine overhead per validation point: a replay run on real NB201 curves (no training, no predictor), journal on,
 * so the time is the engine's own (scheduling, hooks, journal writes, checkpoints) plus the replay trainer's.
 *
 *   node --conditions=source --import tsx bench/engine/overhead.ts [trials=50] [repeats=5]
 */
import { Engine, readCurveFile, replayTrainer, tabularSpace } from '@penguin-nas/core';
import { randomSearcher } from '@penguin-nas/search-random';

const SHARED_CURVES = fileURLToPath(new URL('../../../shared/data/curves/', import.meta.url));
const trials = Number(process.argv[2] ?? 50);
const repeats = Number(process.argv[3] ?? 5);

const records = await readCurveFile(`${SHARED_CURVES}nb201-cifar10-valid.jsonl`);
const space = tabularSpace(records);
const perPoint: number[] = [];
const cpuPerPoint: number[] = [];
for (let r = 0; r <= repeats; r++) {
  const dir = mkdtempSync(join(tmpdir(), 'penguin-overhead-'));
  const engine = new Engine({
    space,
    searcher: randomSearcher(),
    trainer: replayTrainer(space, { metrics: ['val_acc'] }),
    objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
    maxEpochs: 200,
    budget: { trials },
    seed: r,
    dir,
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const summary = await engine.run();
  const cpu = process.cpuUsage(cpuBefore);
  const ms = performance.now() - started;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  rmSync(dir, { recursive: true, force: true });
  const points = summary.trials.reduce((s, t) => s + t.curve.length, 0);
  // The first run warms up the JIT and is not counted.
  if (r > 0) perPoint.push((ms * 1000) / points);
  if (r > 0) cpuPerPoint.push((cpuMs * 1000) / points);
  console.log(
    `run ${r}${r === 0 ? ' (warm-up)' : ''}: ${summary.trials.length} trials, ${points} points, ${ms.toFixed(0)} ms wall, ${((ms * 1000) / points).toFixed(1)} µs/point wall, ${((cpuMs * 1000) / points).toFixed(1)} µs/point CPU`,
  );
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]?.toFixed(1);
// CPU time (this process, user + system) is steadier than wall time on a shared machine.
console.log(
  `median ${median(perPoint)} µs wall, ${median(cpuPerPoint)} µs CPU per validation point over ${repeats} runs`,
);
