import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { journalLines } from './helpers/journal.js';
import { buildCli, penguin } from './helpers/penguin-bin.js';
import { NB201, tempDir } from './helpers/temp-dir.js';

const base = {
  space: { name: 'tabular', file: NB201 },
  searcher: 'random',
  maxEpochs: 12,
  budget: { trials: 3 },
  seed: 4,
};

/** A penguin.config.mjs: the base config, then `extra` (JavaScript source of more keys). */
const configModule = (extra: string, timeLimits: object) =>
  `export default { ...${JSON.stringify({ ...base, timeLimits })},\n${extra} };\n`;

/** A trainer that says "hanging" on stdout, then neither settles nor listens to its abort signal. */
const hangingTrainer = `trainer: { name: 'hangs', train() {
  process.stdout.write('hanging\\n');
  return new Promise(() => {});
} },`;

/**
 * Runs `penguin run --out r` in `cwd` and presses Ctrl-C once stdout shows `mark`, then `presses - 1` more times, 300 ms
 * apart (signals sent at once would merge into one).
 */
async function runWithInterrupts(cwd: string, mark: string, presses = 1) {
  const startedAt = Date.now();
  let sent = false;
  const result = await penguin(['run', '--out', 'r'], cwd, (stdout, child) => {
    if (sent || !stdout.includes(mark)) return;
    sent = true;
    for (let press = 0; press < presses; press++) setTimeout(() => child.kill('SIGINT'), press * 300);
  });
  return { ...result, seconds: (Date.now() - startedAt) / 1000, journal: journalLines(join(cwd, 'r')) };
}

beforeAll(buildCli, 120_000);

describe('penguin run when user code hangs (built binary, #13.8)', () => {
  it('Ctrl-C ends a run whose trial never stops within cancelSeconds, with run-ended journalled', async () => {
    const cwd = tempDir({ 'penguin.config.mjs': configModule(hangingTrainer, { cancelSeconds: 0.5 }) });
    const result = await runWithInterrupts(cwd, 'hanging');
    expect(result.code).toBe(130);
    expect(result.seconds).toBeLessThan(10);
    expect(result.stderr).toContain('Stopped. The journal is complete; continue with: penguin resume r');
    expect(result.journal.at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled', trials: 1 });
  });

  it('a second Ctrl-C quits at once, without waiting for cancelSeconds, the journal complete', async () => {
    const cwd = tempDir({ 'penguin.config.mjs': configModule(hangingTrainer, { cancelSeconds: 600 }) });
    const result = await runWithInterrupts(cwd, 'hanging', 2);
    expect(result.code).toBe(130);
    expect(result.seconds).toBeLessThan(10);
    expect(result.stderr).toContain('Quitting without waiting for running trials');
    expect(result.stderr).toContain('penguin: the run ended without waiting for: trial t0 (trainer hangs)');
    expect(result.journal.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(result.journal.at(-1)).toMatchObject({ type: 'run-ended', reason: 'cancelled' });
  });

  it('an afterRun tap that hangs: Ctrl-C names it and the process exits despite its pending time limit', async () => {
    const stuck = `trainer: 'replay',
      plugins: [{ name: 'stuck-at-end', apply: (host) => host.hooks.afterRun.tapPromise('stuck-at-end', () => {
        process.stdout.write('stuck\\n');
        return new Promise(() => {});
      }) }],`;
    const cwd = tempDir({ 'penguin.config.mjs': configModule(stuck, { cancelSeconds: 0.5 }) });
    const result = await runWithInterrupts(cwd, 'stuck');
    expect(result.code).toBe(130);
    expect(result.seconds).toBeLessThan(10);
    expect(result.stderr).toContain(
      'penguin: the run ended without waiting for: the afterRun hook of stuck-at-end',
    );
    expect(result.journal.at(-1)).toMatchObject({ type: 'run-ended', trials: 3 });
  });

  it('a promise that can never settle: one message naming it and exit code 3, not a silent exit 13', async () => {
    const neverPrepared = `trainer: { name: 'never-ready', prepare: () => new Promise(() => {}),
      train: () => ({ epochs: 0 }) },`;
    const cwd = tempDir({ 'penguin.config.mjs': configModule(neverPrepared, {}) });
    const result = await penguin(['run', '--out', 'r'], cwd);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'penguin: stopped: waiting on executor in-process(never-ready): prepare, which can never settle (a promise that is never ' +
        'resolved and holds no timer, connection or process that could resolve it); finished trials are in the journal\n',
    );
    expect(journalLines(join(cwd, 'r')).at(-1)).toMatchObject({ type: 'run-ended', trials: 0 });
  });
});
