import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { RegistryLoader } from '../../src/registry/sources.js';
import { resolveRun } from '../../src/run/resolve.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';

/** A third-party package as a user would publish it: plain ESM, a duck-typed options schema. */
const searcherModule = (name: string) => `
const options = { safeParse: (value) => ({ success: true, data: value }) };
export const penguinPackage = {
  searchers: [{
    name: '${name}',
    description: 'proposes the first genome of each sample',
    options,
    create: () => ({ space, rng }) => ({
      name: '${name}',
      ask: (n) => Array.from({ length: n }, () => space.sample(rng)),
      tell() {},
    }),
  }],
};
`;

const yamlConfig = (packages: string[], searcher: string) =>
  [
    `packages: [${packages.map((p) => JSON.stringify(p)).join(', ')}]`,
    `space: { name: tabular, file: ${JSON.stringify(NB201)} }`,
    `searcher: ${searcher}`,
    'trainer: replay',
    'maxEpochs: 10',
    'budget: { trials: 2 }',
  ].join('\n');

describe('the packages key', () => {
  it('loads a local module relative to the config file and a package by name from its node_modules', async () => {
    const dir = tempDir({
      'conf/.penguinrc.yaml': yamlConfig(['./plugins/local.mjs', 'my-nas-searcher'], 'from-npm'),
      'conf/plugins/local.mjs': searcherModule('from-file'),
      'node_modules/my-nas-searcher/package.json': JSON.stringify({
        name: 'my-nas-searcher',
        type: 'module',
        exports: { '.': { import: './main.js' } },
      }),
      'node_modules/my-nas-searcher/main.js': searcherModule('from-npm'),
    });
    const loader = new RegistryLoader();
    const run = await resolveRun(await loadConfig({ cwd: `${dir}/conf` }), loader);
    expect(run.names.searcher).toBe('from-npm');
    expect(loader.registry.get('searcher', 'from-file')?.source).toBe('./plugins/local.mjs');
    expect(loader.registry.get('searcher', 'from-npm')?.source).toBe('my-nas-searcher');
  });

  it('names the entry that is missing, fails to load or exports no penguinPackage', async () => {
    const dir = tempDir({
      '.penguinrc.yaml': yamlConfig(
        ['./gone.js', 'not-installed-anywhere', './plain.mjs', './broken.mjs'],
        'random',
      ),
      'plain.mjs': 'export const helper = 1;\nexport default {};\n',
      'broken.mjs': 'export const penguinPackage = ;\n',
    });
    const error = await resolveRun(await loadConfig({ cwd: dir }), new RegistryLoader()).catch((e) => e);
    expect(error.code).toBe('CONFIG_ERROR');
    const lines = String(error.message).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^\.penguinrc\.yaml: packages\[0\]: expected a module at .*gone\.js, found none/,
    );
    expect(lines[1]).toContain(
      "packages[1]: expected an installed package 'not-installed-anywhere' (resolved from",
    );
    expect(lines[1]).toContain('npm install not-installed-anywhere');
    expect(lines[2]).toBe(
      ".penguinrc.yaml: packages[2]: expected './plain.mjs' to export a penguinPackage ({ searchers, spaces, trainers, plugins }), but it exports default, helper",
    );
    expect(lines[3]).toMatch(
      /^\.penguinrc\.yaml: packages\[3\]: cannot load '\.\/broken\.mjs': .*(Unexpected token|Parse fail)/,
    );
  });

  it('rejects an entry that is not a string', async () => {
    const dir = tempDir({ '.penguinrc.json': JSON.stringify({ ...JSON.parse('{}'), packages: [3] }) });
    const error = await loadConfig({ cwd: dir }).catch((e) => e);
    expect(error.message).toContain('.penguinrc.json: packages[0]: expected a string, got 3');
  });
});
