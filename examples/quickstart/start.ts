// The quickstart: `penguin run --report` on this folder's .penguinrc.json (a random search on Fashion-MNIST with the
// predictor), then a check that early termination kept the best network (check-best.ts).
//
//   node --conditions=source --import tsx start.ts [--config FILE] [--out DIR] [--check N] [--json]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRunDirName, main } from '@penguin-nas/cli';
import { checkBestKept } from './check-best.js';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.check);
if (!Number.isInteger(count) || count < 0) {
  console.error(`quickstart: --check: expected a whole number of trials >= 0, got '${values.check}'`);
  process.exit(2);
}
const out = values.out ?? join('runs', defaultRunDirName());
const config = values.config ? ['--config', values.config] : [];
const code = await main(['run', ...config, '--out', out, values.json ? '--json' : '--report']);
if (code !== 0 || count === 0) process.exit(code);
const kept = await checkBestKept({
  dir: out,
  cwd: process.cwd(),
  count,
  print: (line) => console.log(line),
  ...(values.config ? { config: values.config } : {}),
});
process.exitCode = kept ? 0 : 1;
