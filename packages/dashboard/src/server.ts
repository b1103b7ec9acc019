import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowed, checkListenOptions, TOKEN_COOKIE } from './access.js';
import { type Asset, assetTable, missingClientBuild } from './assets.js';
import { runsView } from './compare.js';
import { RunCatalog } from './runs.js';

export interface DashboardOptions {
  /** A run directory or a folder of run directories. */
  readonly root: string;
  /** Default 127.0.0.1; anything else needs `token`. */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  readonly token?: string;
  /** How often the journals are checked for new events (ms, default 250). */
  readonly pollMs?: number;
}

export interface Dashboard {
  /** The page's address (with the token when there is one). */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  // Vega compiles its expressions with Function, hence 'unsafe-eval'; no inline script can run.
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { ...HEADERS, 'Content-Type': type });
  response.end(body);
}

function sendJson(response: ServerResponse, value: unknown): void {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendAsset(response: ServerResponse, asset: Asset, head: boolean): void {
  const stream = createReadStream(asset.file);
  stream.on('error', () => send(response, 500, 'text/plain; charset=utf-8', 'asset unavailable\n'));
  stream.on('open', () => {
    response.writeHead(200, { ...HEADERS, 'Content-Type': asset.type });
    if (head) {
      stream.destroy();
      response.end();
    } else stream.pipe(response);
  });
}

interface Subscriber {
  readonly response: ServerResponse;
  readonly run: string | undefined;
  sentVersion: number;
  sentRunsVersion: number;
  /** No push before this time: a big view is sent at most about 2 MB a second, so a large run never floods the page. */
  nextAt: number;
}

const BYTES_PER_SECOND = 2_000_000;

/** Starts the dashboard over a run directory or a folder of runs; resolves once it listens. */
export async function startDashboard(options: DashboardOptions): Promise<Dashboard> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  checkListenOptions(host, token);
  const problem = missingClientBuild();
  if (problem) throw new Error(problem);
  const catalog = new RunCatalog(options.root);
  const assets = assetTable();
  const subscribers = new Set<Subscriber>();
  let runsVersion = 0;

  const event = (s: Subscriber, name: string, value: unknown): number => {
    const text = `event: ${name}\ndata: ${JSON.stringify(value)}\n\n`;
    s.response.write(text);
    return text.length;
  };
  const push = (s: Subscriber) => {
    const now = Date.now();
    if (now < s.nextAt) return;
    let bytes = 0;
    if (s.sentRunsVersion !== runsVersion) {
      bytes += event(s, 'runs', runsView(catalog));
      s.sentRunsVersion = runsVersion;
    }
    const source = s.run === undefined ? undefined : catalog.get(s.run);
    if (source && source.version !== s.sentVersion) {
      const view = source.view();
      if (view) bytes += event(s, 'run', view);
      s.sentVersion = source.version;
    }
    s.nextAt = now + Math.min(5000, (1000 * bytes) / BYTES_PER_SECOND);
  };
  const timer = setInterval(() => {
    if (catalog.scan()) runsVersion++;
    for (const s of subscribers) push(s);
  }, options.pollMs ?? 250).unref();
  const keepAlive = setInterval(() => {
    for (const s of subscribers) s.response.write(': keep-alive\n\n');
  }, 15_000).unref();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://dashboard');
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'bad request\n');
    }
    if (!allowed(request, url, token)) return send(response, 403, 'text/plain; charset=utf-8', 'forbidden\n');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (token !== undefined && url.searchParams.get('token') === token)
      response.setHeader(
        'Set-Cookie',
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      );
    const asset = assets.get(url.pathname);
    if (asset) return sendAsset(response, asset, request.method === 'HEAD');
    // A request sees the journals as they are now, not as of the last tick.
    if (url.pathname.startsWith('/api/')) catalog.scan();
    if (url.pathname === '/api/runs') return sendJson(response, runsView(catalog));
    if (url.pathname === '/api/run') {
      const view = catalog.get(url.searchParams.get('name') ?? '')?.view();
      return view
        ? sendJson(response, view)
        : send(response, 404, 'text/plain; charset=utf-8', 'no such run\n');
    }
    if (url.pathname === '/api/stream') {
      response.writeHead(200, { ...HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8' });
      const run = url.searchParams.get('run') ?? undefined;
      const subscriber: Subscriber = { response, run, sentVersion: -1, sentRunsVersion: -1, nextAt: 0 };
      subscribers.add(subscriber);
      request.on('close', () => subscribers.delete(subscriber));
      return push(subscriber);
    }
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        clearInterval(keepAlive);
        for (const s of subscribers) s.response.end();
        subscribers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
