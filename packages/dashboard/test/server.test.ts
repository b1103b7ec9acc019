import { mkdirSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkListenOptions, type Dashboard, type RunView, startDashboard } from '../src/index.js';
import { liveRun } from './live-run.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET (the path is sent exactly as given, `..` included, which fetch would normalise away). */
function get(url: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let dashboard: Dashboard;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'penguin-dashboard-server-'));
  mkdirSync(join(root, 'empty-folder'));
  await liveRun(join(root, 'finished'));
  dashboard = await startDashboard({ root });
});
afterAll(() => dashboard?.close());

describe('startDashboard', () => {
  it('listens on 127.0.0.1 and serves the page, its modules and Vega from node_modules', async () => {
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(dashboard.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    for (const asset of ['app.js', 'table.js', 'vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js']) {
      const reply = await get(dashboard.url, `/assets/${asset}`);
      expect(reply.status, asset).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
    }
  });

  it('lists the runs of a folder and serves one run by name', async () => {
    const runs = JSON.parse((await get(dashboard.url, '/api/runs')).body);
    expect(runs.runs.map((r: { name: string }) => r.name)).toEqual(['finished']);
    const view = JSON.parse((await get(dashboard.url, '/api/run?name=finished')).body) as RunView;
    expect(view.trials).toHaveLength(6);
    expect((await get(dashboard.url, '/api/run?name=nothing')).status).toBe(404);
  });

  it('serves nothing outside its fixed table of files (path traversal)', async () => {
    const attempts = [
      '/../../../../etc/passwd',
      '/assets/../../../../etc/passwd',
      '/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/finished/events.jsonl',
      '/api/run?name=../finished',
      '/api/run?name=..%2F..%2Fetc',
      '/api/run?name=/etc/passwd',
      '//etc/passwd',
      '/assets/app.js/../../package.json',
    ];
    for (const path of attempts) {
      const reply = await get(dashboard.url, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toMatch(/root:|"name"|run-started/);
    }
  });

  it('refuses a Host header that is not loopback (DNS rebinding) and methods other than GET', async () => {
    expect((await get(dashboard.url, '/api/runs', { Host: 'attacker.example:80' })).status).toBe(403);
    const post = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(dashboard.url);
      const req = request({ host: hostname, port, path: '/api/runs', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(post).toBe(405);
  });

  it('needs a token of 16 characters or more to listen beyond loopback', async () => {
    expect(() => checkListenOptions('0.0.0.0', undefined)).toThrow(
      /listening on 0\.0\.0\.0 makes the runs readable by other machines; expected --token with at least 16 characters, got none/,
    );
    expect(() => checkListenOptions('0.0.0.0', 'short')).toThrow(/got 5 characters/);
    expect(() => checkListenOptions('127.0.0.1', undefined)).not.toThrow();
  });

  it('with a token, answers only requests that carry it (query, then the cookie it sets, or a bearer header)', async () => {
    const token = 'a-test-token-0123456789';
    const guarded = await startDashboard({ root, token });
    try {
      expect(guarded.url).toContain(`?token=${token}`);
      expect((await get(guarded.url, '/api/runs')).status).toBe(403);
      expect((await get(guarded.url, '/api/runs?token=wrong-token-0123456789')).status).toBe(403);
      const first = await get(guarded.url, `/?token=${token}`);
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']).split(';')[0] as string;
      expect(cookie).toContain(token);
      expect((await get(guarded.url, '/api/runs', { Cookie: cookie })).status).toBe(200);
      expect((await get(guarded.url, '/api/runs', { Authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('pushes a growing run over server-sent events while the run writes its journal', async () => {
    const live = join(root, 'live');
    const running = liveRun(live, { trials: 3, maxEpochs: 10, delayMs: 40 });
    const { hostname, port } = new URL(dashboard.url);
    const points: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: hostname, port, path: '/api/stream?run=live' }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^event: run\ndata: (.*)$/s.exec(message)?.[1];
            if (!data) continue;
            const view = JSON.parse(data) as RunView;
            points.push(view.datasets.curves?.length ?? 0);
            if (view.summary.ended) {
              req.destroy();
              resolve();
            }
          }
        });
      });
      req.on('error', (error) => (points.length > 0 ? undefined : reject(error)));
      req.end();
    });
    await running;
    expect(points.length).toBeGreaterThan(2);
    expect(points.at(-1)).toBe(6 + 10 + 6); // trials 0 and 2 stopped at 6 epochs, trial 1 completed
    expect([...points].sort((a, b) => a - b)).toEqual(points);
  }, 60_000);
});
