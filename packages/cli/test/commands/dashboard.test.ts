import { describe, expect, it } from 'vitest';
import { dashboardCommand } from '../../src/commands/dashboard.js';
import { runCommand } from '../../src/commands/run.js';
import { type MemoryIO, memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { testLoader } from '../helpers/test-packages.js';

const CONFIG = JSON.stringify({
  space: { name: 'test-tabular', file: NB201, limit: 10 },
  searcher: 'random',
  trainer: 'test-replay',
  maxEpochs: 10,
  budget: { trials: 3 },
});

/** Once the dashboard's address is printed: fetch the run list from it, then press Ctrl-C. */
function visitThenInterrupt(seen: { runs?: string[] }, marker: RegExp) {
  return (text: string, io: MemoryIO) => {
    const url = marker.exec(text)?.[1];
    if (!url) return;
    void fetch(new URL('/api/runs', url))
      .then((reply) => reply.json() as Promise<{ runs: { name: string }[] }>)
      .then((body) => {
        seen.runs = body.runs.map((r) => r.name);
      })
      .finally(() => io.interrupt());
  };
}

describe('penguin dashboard', () => {
  it('serves a run directory on 127.0.0.1 until Ctrl-C', async () => {
    const cwd = tempDir({ '.penguinrc.json': CONFIG });
    expect(await runCommand({ out: 'r', json: true, loader: testLoader() }, memoryIO(cwd))).toBe(0);
    const seen: { runs?: string[] } = {};
    const io = memoryIO(cwd, {
      onStdout: visitThenInterrupt(seen, /^Dashboard of r: (\S+) \(Ctrl-C to stop\)/),
    });
    expect(await dashboardCommand('r', { port: 0 }, io)).toBe(0);
    expect(io.out()).toMatch(/^Dashboard of r: http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl-C to stop\)\n$/);
    expect(seen.runs).toEqual(['r']);
  }, 60_000);

  it('penguin run --dashboard prints the address before the run and keeps serving after it until Ctrl-C', async () => {
    const cwd = tempDir({ '.penguinrc.json': CONFIG });
    const seen: { runs?: string[] } = {};
    const io = memoryIO(cwd, { onStdout: visitThenInterrupt(seen, /the dashboard stays at (\S+) /) });
    expect(await runCommand({ out: 'r', dashboard: 0, loader: testLoader() }, io)).toBe(0);
    expect(io.out()).toMatch(
      /Dashboard: http:\/\/127\.0\.0\.1:\d+\/\n[\s\S]*The run ended; the dashboard stays at/,
    );
    expect(seen.runs).toEqual(['r']);
  }, 60_000);

  it('refuses to listen beyond loopback without a token', async () => {
    const cwd = tempDir({ 'r/.keep': '' });
    await expect(dashboardCommand('r', { host: '0.0.0.0', port: 0 }, memoryIO(cwd))).rejects.toThrow(
      /expected --token with at least 16 characters, got none/,
    );
  });
});
