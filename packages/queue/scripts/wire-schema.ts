/** Writes docs/distributed-wire.schema.json from the zod wire schemas. Run: npm run docs:wire -w @penguin-nas/queue */
import { writeFileSync } from 'node:fs';
import { wireJsonSchemas } from '../src/wire.js';

const file = new URL('../../../docs/distributed-wire.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(wireJsonSchemas(), null, 2)}\n`);
console.log('wrote docs/distributed-wire.schema.json');
