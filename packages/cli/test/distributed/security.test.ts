import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { endedTrials } from '../helpers/journal.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';
import { agent, buildCli, penguin, redisServer, stopAll, waitFor } from './cluster.js';

const PASSWORD = 's3cret-Pa55';

beforeAll(() => buildCli(), 180_000);
afterEach(() => stopAll());

describe('a Redis password', () => {
  it('never reaches config.json, the journal, the report or any output; resume takes it from the environment', async () => {
    const redis = await redisServer(tempDir(), { password: PASSWORD });
    const cwd = tempDir({
      '.penguinrc.json': JSON.stringify({
        space: { name: 'tabular', file: NB201 },
        searcher: 'random',
        trainer: { name: 'replay', epochMs: 20 },
        maxEpochs: 5,
        budget: { trials: 2 },
        seed: 2,
      }),
    });
    const a = agent(redis.url, cwd);
    await waitFor('the agent to serve', () => a.output().includes('serving queue'));
    const run = penguin(['run', '--redis', redis.url, '--out', 'r', '--report'], cwd);
    expect((await run.exited).code).toBe(0);
    expect(endedTrials(join(cwd, 'r'))).toHaveLength(2);
    const config = readFileSync(join(cwd, 'r', 'config.json'), 'utf8');
    expect(config).toContain(`redis://:***@127.0.0.1:${redis.port}`);
    for (const file of readdirSync(join(cwd, 'r')))
      expect(readFileSync(join(cwd, 'r', file), 'utf8')).not.toContain(PASSWORD);
    expect(run.output()).not.toContain(PASSWORD);
    expect(a.output()).not.toContain(PASSWORD);

    // A resumed run needs the password again: without it, a clear message; with the variable, it reconnects.
    const refused = penguin(['resume', 'r'], cwd, { PENGUIN_REDIS_PASSWORD: undefined });
    expect((await refused.exited).code).toBe(2);
    expect(refused.output()).toContain('was redacted from the run');
    const resumed = penguin(['resume', 'r', '--json'], cwd, { PENGUIN_REDIS_PASSWORD: PASSWORD });
    expect((await resumed.exited).code).toBe(0);
    expect(resumed.output()).not.toContain(PASSWORD);
  }, 120_000);
});
