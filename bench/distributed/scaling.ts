/**
 * Scaling of a distributed run on this machine: the same 200 NB201 trials replayed at a fixed simulated time per
 * epoch, trained by 1, 2, 4… `penguin agent`s on a local redis-server, with the coordinator in this process.
 * Prints trials per second against agents (and as a ratio to linear), the agents' validation-point round trip
 * p50/p99, and the coordinator's CPU time per validation point.
 *
 * Needs `npm run build` (agents run the built binary) and redis-server on the PATH.
 *   node --conditions=source --import tsx bench/distributed/scaling.ts [--agents 1,2,4,8,16] [--trials 200]
 *     [--epochs 10] [--epoch-ms 50]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { main } from '@penguin-nas/cli';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '1,2,4,8,16' },
    trials: { type: 'string', default: '200' },
    epochs: { type: 'string', default: '10' },
    'epoch-ms': { type: 'string', default: '50' },
  },
});
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const nb201 = join(root, '../shared/data/curves/nb201-cifar10-valid.jsonl');
const trials = Number(values.trials);
const epochs = Number(values.epochs);
const epochMs = Number(values['epoch-ms']);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function started(child: ChildProcess, text: string): Promise<string> {
  let out = '';
  return new Promise((resolve) => {
    const on = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve(out);
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
  });
}

const work = mkdtempSync(join(tmpdir(), 'penguin-bench-distributed-'));
const port = await freePort();
const redisUrl = `redis://127.0.0.1:${port}`;
const redis = spawn('redis-server', [
  '--port',
  String(port),
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--dir',
  work,
]);
await started(redis, 'Ready to accept connections');

const rows: string[] = [];
let single = 0;
try {
  for (const n of values.agents.split(',').map(Number)) {
    const agents = Array.from({ length: n }, () =>
      spawn(process.execPath, [bin, 'agent', '--redis', redisUrl, '--queue', `bench-${n}`], { cwd: work }),
    );
    const logs = agents.map((a) => {
      let text = '';
      a.stderr.on('data', (c: Buffer) => {
        text += c.toString();
      });
      return () => text;
    });
    await Promise.all(agents.map((a) => started(a, 'serving queue')));
    const config = join(work, `penguin-${n}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        space: { name: 'tabular', file: nb201 },
        searcher: 'random',
        trainer: { name: 'replay', epochMs },
        maxEpochs: epochs,
        budget: { trials },
        concurrency: n,
        seed: 1,
        executor: { kind: 'queue', redis: redisUrl, queue: `bench-${n}` },
      }),
    );
    let stdout = '';
    const io = {
      cwd: work,
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => process.stderr.write(t) },
      onInterrupt: () => () => undefined,
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const code = await main(['run', '--config', config, '--out', join(work, `run-${n}`), '--json'], io);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const summary = JSON.parse(stdout) as { epochs: number };
    const points = summary.epochs;
    for (const a of agents) a.kill('SIGTERM');
    await Promise.all(agents.map((a) => new Promise((r) => a.once('exit', r))));
    const trips = logs
      .map((l) => /round trip p50 ([\d.]+) ms, p99 ([\d.]+) ms/.exec(l()))
      .filter((m) => m !== null);
    const p50 = Math.max(...trips.map((m) => Number(m[1])));
    const p99 = Math.max(...trips.map((m) => Number(m[2])));
    const rate = trials / seconds;
    if (n === 1) single = rate;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    rows.push(
      `| ${n} | ${seconds.toFixed(1)} | ${rate.toFixed(2)} | ${single ? (rate / (single * n)).toFixed(2) : '-'} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${(cpuMs / points).toFixed(2)} | ${code} |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  redis.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `\n${trials} trials × ${epochs} epochs at ${epochMs} ms/epoch\n| agents | wall s | trials/s | × linear | round trip p50 ms (worst agent) | p99 ms | coordinator CPU ms / validation point | exit |\n|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
);
