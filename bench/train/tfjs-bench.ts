/**
 * One tfjs training measurement in this process, printed as one JSON line.
 *   node --conditions=source --import tsx bench/train/tfjs-bench.ts --engine wasm --model cnn28 --seconds 5
 * engines: stock-cpu (tfjs as shipped), cpu (Penguin's cpu kernels), wasm (Penguin's wasm kernels).
 */
import { parseArgs } from 'node:util';
import { type EngineName, prepare } from './measure.js';
import { isModelName } from './models.js';

const ENGINES: readonly EngineName[] = ['stock-cpu', 'cpu', 'wasm', 'stock-wasm'];

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'wasm' },
    model: { type: 'string', default: 'cnn28' },
    seconds: { type: 'string', default: '5' },
  },
});
const engine = values.engine as EngineName;
if (!ENGINES.includes(engine))
  throw new Error(`--engine: expected one of ${ENGINES.join(', ')}, got ${values.engine}`);
if (!isModelName(values.model)) throw new Error(`--model: expected mlp, cnn28 or cnn32, got ${values.model}`);
const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds: expected a positive number, got ${values.seconds}`);

try {
  const prepared = await prepare(engine, values.model);
  console.log(JSON.stringify(await prepared.run(seconds)));
} catch (error) {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.log(JSON.stringify({ engine, model: values.model, error: message }));
}
