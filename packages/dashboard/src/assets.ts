import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the server may send: nothing outside this fixed table is ever read for a request. */
export interface Asset {
  readonly file: string;
  readonly type: string;
}

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const CLIENT_BUILD = join(PACKAGE, 'dist', 'client');
const require = createRequire(import.meta.url);

/** The folder of an installed package (its `package.json`), found from the module it resolves to. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || readPackageName(dir) !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
  return dir;
}

function readPackageName(dir: string): string | undefined {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name;
}

const JS = 'text/javascript; charset=utf-8';

/** URL path → file, for the page, its modules (built by `tsc -b`) and Vega served from node_modules (no CDN). */
export function assetTable(): ReadonlyMap<string, Asset> {
  const table = new Map<string, Asset>([
    ['/', { file: join(PACKAGE, 'client', 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/assets/style.css', { file: join(PACKAGE, 'client', 'style.css'), type: 'text/css; charset=utf-8' }],
    ['/assets/vega.min.js', { file: join(packageDir('vega'), 'build', 'vega.min.js'), type: JS }],
    [
      '/assets/vega-lite.min.js',
      { file: join(packageDir('vega-lite'), 'build', 'vega-lite.min.js'), type: JS },
    ],
    [
      '/assets/vega-embed.min.js',
      { file: join(packageDir('vega-embed'), 'build', 'vega-embed.min.js'), type: JS },
    ],
  ]);
  for (const module of CLIENT_MODULES)
    table.set(`/assets/${module}`, { file: join(CLIENT_BUILD, module), type: JS });
  return table;
}

/** The page's modules, compiled from `client/src` into `dist/client`. */
export const CLIENT_MODULES = ['app.js', 'charts.js', 'table.js', 'format.js'] as const;

/** Says how to build the page when its modules are missing (a source checkout before `npm run build`). */
export function missingClientBuild(): string | undefined {
  const missing = CLIENT_MODULES.filter((m) => !existsSync(join(CLIENT_BUILD, m)));
  return missing.length === 0
    ? undefined
    : `the dashboard page is not built (${CLIENT_BUILD} lacks ${missing.join(', ')}); run \`npm run build\``;
}
