#!/usr/bin/env node
import { main } from './cli.js';
import { EXIT } from './commands/io.js';
import { stalledMessage, waiting } from './commands/waiting.js';

let ended = false;
// Node exits silently with code 13 when the promise awaited below never settles and nothing is left that could
// settle it: name what the command was waiting on, close the journal of the run, and exit with a documented code.
process.on('beforeExit', () => {
  if (ended) return;
  const pending = waiting.list();
  waiting.abandonRuns();
  process.stderr.write(stalledMessage(pending));
  process.exit(EXIT.stalled);
});
const code = await main(process.argv.slice(2));
ended = true;
process.exitCode = code;
// A cancelled run may leave calls that never end (a hung trial) whose time limits keep Node alive for hours.
if (waiting.list().length > 0) process.exit(code);
