import { resolve } from 'node:path';
import type { Dashboard } from '@penguin-nas/dashboard';
import { displayPath } from './display-path.js';
import { type CliIO, EXIT } from './io.js';

/** The port tried first; when it is taken and no port was asked for, any free port. */
export const DEFAULT_DASHBOARD_PORT = 8765;

export interface DashboardCommandOptions {
  readonly port?: number;
  /** Default 127.0.0.1; any other address needs `token`. */
  readonly host?: string;
  readonly token?: string;
}

/** Starts the dashboard over a run directory or a folder of runs (the package loads only here). */
export async function openDashboard(dir: string, options: DashboardCommandOptions): Promise<Dashboard> {
  const { startDashboard } = await import('@penguin-nas/dashboard');
  const common = {
    root: dir,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.token === undefined ? {} : { token: options.token }),
  };
  try {
    return await startDashboard({ ...common, port: options.port ?? DEFAULT_DASHBOARD_PORT });
  } catch (error) {
    if (options.port !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startDashboard({ ...common, port: 0 });
  }
}

/** Keeps the dashboard serving until Ctrl-C, then closes it. */
export async function serveUntilInterrupted(dashboard: Dashboard, io: CliIO): Promise<void> {
  await new Promise<void>((done) => {
    const remove = io.onInterrupt(() => {
      remove();
      done();
    });
  });
  await dashboard.close();
}

/**
 * `penguin run --dashboard`: starts the dashboard beside the run and prints where; `afterRun(code)` keeps it until
 * Ctrl-C once the run has ended, or closes it at once after a run stopped by Ctrl-C.
 */
export async function dashboardBesideRun(
  dir: string,
  port: true | number | undefined,
  io: CliIO,
  json: boolean,
): Promise<{ afterRun(code: number): Promise<void> } | undefined> {
  if (port === undefined) return undefined;
  const dashboard = await openDashboard(dir, port === true ? {} : { port });
  // It must not keep the process alive if the run throws; afterRun holds it again.
  dashboard.server.unref();
  const out = json ? io.stderr : io.stdout;
  out.write(`Dashboard: ${dashboard.url}\n`);
  return {
    async afterRun(code) {
      if (code === EXIT.interrupted) return dashboard.close();
      out.write(`The run ended; the dashboard stays at ${dashboard.url} (Ctrl-C to stop)\n`);
      dashboard.server.ref();
      await serveUntilInterrupted(dashboard, io);
    },
  };
}

/** `penguin dashboard <dir>`: the live web app over one run or a folder of runs, until Ctrl-C. */
export async function dashboardCommand(
  dirArgument: string,
  options: DashboardCommandOptions,
  io: CliIO,
): Promise<number> {
  const dir = resolve(io.cwd, dirArgument);
  const dashboard = await openDashboard(dir, options);
  io.stdout.write(`Dashboard of ${displayPath(dir, io.cwd)}: ${dashboard.url} (Ctrl-C to stop)\n`);
  await serveUntilInterrupted(dashboard, io);
  return EXIT.ok;
}
