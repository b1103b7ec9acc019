import { defineSpace, Engine, type Genome, type PluginObject, type Trainer } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { progressPlugin } from '../../src/progress/progress-plugin.js';
import { formatDuration, formatEpochs, formatValue, headerLine } from '../../src/progress/render.js';
import { ProgressState } from '../../src/progress/state.js';

const space = defineSpace({ name: 'toy', decisions: [{ kind: 'int', name: 'width', low: 1, high: 50 }] });

/** val_acc rises to 60 + width/2; `stopAt` ends a trial early through a plugin decision. */
const trainer: Trainer<Genome> = {
  name: 'toy',
  async train(trial, report) {
    const top = 60 + Number(trial.genome.width) / 2;
    for (let epoch = 1; epoch <= trial.maxEpochs; epoch++) {
      if ((await report({ epoch, val_acc: top - 30 / epoch })) === 'stop') return { epochs: epoch };
    }
    return { epochs: trial.maxEpochs };
  },
};

/** Predicts the asymptote and stops every even-indexed trial at epoch 3. */
const fakePredictor: PluginObject<Genome> = {
  name: 'fake-predictor',
  apply(host) {
    host.hooks.onEpochEnd.tap('fake-predictor', (trial, logs) => {
      trial.recordPrediction({
        metric: 'val_acc',
        epoch: logs.epoch,
        target: 10,
        value: 77,
        by: 'fake-predictor',
      });
    });
    host.hooks.shouldTerminate.tap('fake-predictor', (trial) =>
      trial.index % 2 === 0 && trial.curve.length === 3
        ? { reason: 'converged', by: 'fake-predictor', prediction: 77 }
        : undefined,
    );
    host.hooks.onFitness.tap('fake-predictor', (fitness, trial) =>
      trial.status === 'stopped'
        ? { ...fitness, val_acc: { value: 77, direction: 'maximize', source: 'predicted' } }
        : fitness,
    );
  },
};

function output(isTTY: boolean) {
  return {
    isTTY,
    columns: 120,
    text: '',
    write(chunk: string) {
      this.text += chunk;
    },
  };
}

async function run(isTTY: boolean, now?: () => number, logEveryMs?: number) {
  const out = output(isTTY);
  const objectives = [{ name: 'val_acc', direction: 'maximize', from: 'curve' }] as const;
  const progress = progressPlugin({
    output: out,
    objectives,
    ...(now ? { now } : {}),
    ...(logEveryMs !== undefined ? { logEveryMs } : {}),
  });
  const engine = new Engine<Genome>({
    space,
    searcher: ({ rng }) => ({
      name: 'fixed',
      ask: (n) => Array.from({ length: n }, () => ({ width: rng.int(1, 50) })),
      tell() {},
    }),
    trainer,
    objectives,
    maxEpochs: 10,
    budget: { trials: 4 },
    plugins: [fakePredictor, progress],
    seed: 1,
  });
  await engine.run();
  progress.finish();
  return { text: out.text, progress: progress.progress };
}

describe('progressPlugin', () => {
  it('prints one plain line per finished trial when not on a terminal', async () => {
    const { text, progress } = await run(false);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('[1/4] t0 stopped at epoch 3: val_acc 77.00 (predicted) · epochs 3 (saved 70.0%)');
    expect(lines[1]).toMatch(
      /^\[2\/4\] t1 completed 10 epochs: val_acc \d+\.\d\d · epochs 13 \(saved 35\.0%\)$/,
    );
    expect(progress.finished).toBe(4);
    expect(progress.stopped).toBe(2);
    expect(progress.epochsSoFar()).toBe(26);
    expect(progress.saved()).toBeCloseTo(1 - 26 / 40);
  });

  it('logs running trials now and then in plain mode (clock injected)', async () => {
    let t = 0;
    const { text } = await run(false, () => (t += 1), 5);
    expect(text).toMatch(/^t1 epoch \d+\/10 val_acc \d+\.\d\d predicted 77\.00$/m);
  });

  it('redraws a block with the running trials on a terminal and clears it at the end', async () => {
    let t = 0;
    const { text } = await run(true, () => (t += 1000));
    expect(text).toContain('\x1b[0J');
    expect(text).toMatch(/ {2}t1 {2}epoch \d+\/10 {2}val_acc \d+\.\d\d {2}predicted 77\.00/);
    expect(text).toContain('[4/4] t3');
    expect(text).toMatch(/trials 4\/4 · epochs 26 \(saved 35\.0%\) · best val_acc \d+\.\d\d \(t\d\)/);
    expect(text.endsWith('\x1b[0J')).toBe(true);
  });
});

describe('render', () => {
  it('formats values, epochs and durations', () => {
    expect(formatValue(91.2345)).toBe('91.23');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(0.00123)).toBe('1.23e-3');
    expect(formatValue(12345.6)).toBe('12346');
    expect(formatEpochs(2.5)).toBe('2.5');
    expect(formatDuration(75_000)).toBe('1:15');
    expect(formatDuration(4_000_000)).toBe('1:06:40');
  });

  it('shows every budget limit in the header', () => {
    const state = ProgressState.forObjectives([
      { name: 'loss', direction: 'minimize', from: 'curve', metric: 'val_loss' },
    ]);
    state.budget = { epochs: 500, seconds: 60 };
    expect(headerLine(state, 12_000)).toBe('trials 0 · epochs 0/500 · 0:12/1:00');
    expect(state.metric).toBe('val_loss');
  });
});

describe('progressPlugin on a small terminal', () => {
  it('keeps the live block shorter than the terminal', () => {
    const out = {
      isTTY: true,
      rows: 6,
      columns: 80,
      text: '',
      write(c: string) {
        this.text += c;
      },
    };
    const progress = progressPlugin({
      output: out,
      objectives: [{ name: 'val_acc', direction: 'maximize', from: 'curve' }],
      now: () => 0,
    });
    const taps: Record<string, (...args: unknown[]) => unknown> = {};
    const hook = (name: string) => ({
      tap: (_: string, fn: (...args: unknown[]) => unknown) => {
        taps[name] = fn;
      },
    });
    progress.apply({
      hooks: Object.fromEntries(
        [
          'beforeRun',
          'onTrialStart',
          'onEpochEnd',
          'shouldTerminate',
          'onTrialEnd',
          'onFitness',
          'afterRun',
        ].map((n) => [n, hook(n)]),
      ),
      objectives: [],
      maxEpochs: 10,
      log() {},
    } as never);
    taps.beforeRun?.({ budget: { trials: 9 }, maxEpochs: 10, resumed: false });
    for (let i = 0; i < 8; i++) taps.onTrialStart?.({ id: `t${i}`, index: i, predictions: [] });
    out.text = '';
    taps.onTrialEnd?.({
      id: 't7',
      index: 7,
      status: 'completed',
      cost: { epochs: 10, seconds: 1 },
      maxEpochs: 10,
      fitness: {},
    });
    const block = out.text.split('\n').filter((l) => l !== '');
    expect(block.at(-1)).toBe('  … and 5 more running');
    expect(block).toHaveLength(1 + 1 + 2 + 1); // finished line, header, 2 trials, "more"
  });
});
