/**
 * A distributed run on this machine for tests: a `redis-server` the test starts on a free loopback port, `penguin
 * agent`s and `penguin run`/`resume` coordinators as child processes of the built binary. Everything is killed in
 * `stopAll` (afterEach).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const started: ChildProcess[] = [];

/** Builds the cli and what it references (incremental: fast when fresh). */
export function buildCli(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'packages/cli'], { cwd: root, stdio: 'pipe' });
}

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value (generous timeouts: the test machine is small and loaded). */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface Proc {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function track(child: ChildProcess): Proc {
  started.push(child);
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited };
}

/** `penguin <args>` from the built binary. */
export function penguin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Proc {
  return track(
    spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } }),
  );
}

/** Agent flags with short lock and stall intervals, so faults are noticed in seconds. */
export const FAST_AGENT = ['--lock-duration', '2000', '--stalled-interval', '500', '--max-stalled', '20'];

export function agent(redis: string, cwd: string, extra: string[] = []): Proc {
  return penguin(['agent', '--redis', redis, ...FAST_AGENT, ...extra], cwd);
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A `redis-server` on a free loopback port, data (AOF when asked) in `dir`. */
export async function redisServer(
  dir: string,
  options: { appendonly?: boolean; password?: string } = {},
): Promise<RedisServer> {
  const port = await freePort();
  let proc: Proc | undefined;
  const server: RedisServer = {
    url: `redis://${options.password ? `:${options.password}@` : ''}127.0.0.1:${port}`,
    port,
    async start() {
      proc = track(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--save',
            '',
            '--dir',
            dir,
            '--appendonly',
            options.appendonly ? 'yes' : 'no',
            '--appendfsync',
            'everysec',
            '--maxmemory-policy',
            'noeviction',
            ...(options.password ? ['--requirepass', options.password] : []),
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
      const current = proc;
      await waitFor(
        'redis-server to accept connections',
        () => current.output().includes('Ready to accept connections'),
        15_000,
      );
    },
    async stop() {
      if (!proc || proc.child.exitCode !== null) return;
      proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
  await server.start();
  return server;
}

/** Kills every process a test started (agents, coordinators, redis), each by its own pid. */
export async function stopAll(): Promise<void> {
  const running = started.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of running) {
    if (child.signalCode === null) child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  await Promise.all(
    running.map(
      (c) =>
        new Promise((resolve) =>
          c.exitCode !== null || c.signalCode !== null ? resolve(null) : c.once('exit', resolve),
        ),
    ),
  );
}
