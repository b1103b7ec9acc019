import { RegistryLoader } from '../registry/sources.js';
import { configJsonSchema } from './json-schema.js';
import { configurationReference } from './reference.js';

/** The generated files, by path relative to packages/cli: what `npm run docs:config` writes. */
export async function configFiles(
  loader: RegistryLoader = new RegistryLoader(),
): Promise<Record<string, string>> {
  const registry = await loader.loadEverything();
  return {
    'docs/configuration.md': configurationReference(registry),
    'penguin.schema.json': `${JSON.stringify(configJsonSchema(registry), null, 2)}\n`,
  };
}
