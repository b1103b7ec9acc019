// Starts a local redis-server on a free loopback port, two `penguin agent`s (two slots each) and the coordinator
// (`penguin run --redis …`), then stops everything it started, also on Ctrl-C or failure.
// `--smoke`: smoke.config.json (8 trials), JSON summary only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const smoke = process.argv.includes('--smoke');
const penguin = join(
  dirname(createRequire(import.meta.url).resolve('@penguin-nas/cli')),
  '../bin/penguin.js',
);
const children = [];

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const redisUrl = `redis://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), 'penguin-redis-'));

function start(command, args, ready) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const on = (chunk) => {
      text += chunk.toString();
      if (text.includes(ready)) resolve(child);
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) =>
      reject(new Error(`${command} ${args[1] ?? ''} exited (${code}) before it was ready:\n${text}`)),
    );
  });
}

async function cleanup() {
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  rmSync(data, { recursive: true, force: true });
}
process.on('SIGINT', () => undefined); // the coordinator gets Ctrl-C too and stops cleanly; then we clean up

let code = 1;
try {
  await start(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      data,
    ],
    'Ready to accept connections',
  );
  console.log(`redis-server on ${redisUrl}`);
  await Promise.all(
    [1, 2].map(() =>
      start(process.execPath, [penguin, 'agent', '--redis', redisUrl, '--concurrency', '2'], 'serving queue'),
    ),
  );
  console.log('two agents serving; starting the coordinator');
  const args = ['run', '--redis', redisUrl, '--out', `runs/${smoke ? 'smoke-' : ''}${Date.now()}`];
  if (smoke) args.push('--config', 'smoke.config.json', '--json');
  const coordinator = spawn(process.execPath, [penguin, ...args], { stdio: 'inherit' });
  code = await new Promise((resolve) => coordinator.on('exit', (c) => resolve(c ?? 1)));
} catch (error) {
  console.error(error.message);
} finally {
  await cleanup();
}
process.exit(code);
