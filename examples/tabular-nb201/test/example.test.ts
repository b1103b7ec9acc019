import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliIO, main } from '@penguin-nas/cli';
import { afterAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'penguin-example-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function captureIO(): CliIO & { stdout: { text: string }; stderr: { text: string } } {
  const stream = () => ({
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  });
  return { cwd: exampleDir, stdout: stream(), stderr: stream(), onInterrupt: () => () => undefined };
}

describe('examples/tabular-nb201', () => {
  it('penguin run: random search with the predictor finishes, saving epochs', async () => {
    const io = captureIO();
    const code = await main(['run', '--out', join(out, 'run'), '--json'], io);
    expect(io.stderr.text).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout.text);
    expect(summary.trials.total).toBe(30);
    expect(summary.trials.failed).toBe(0);
    // The predictor is on: trials stop early, the searcher gets predictions, epochs are saved.
    expect(summary.trials.stopped).toBeGreaterThan(0);
    expect(summary.baselineEpochs).toBe(30 * 200);
    expect(summary.epochs).toBeLessThan(summary.baselineEpochs);
    expect(
      summary.trialList.some(
        (t: { fitness?: { val_acc?: { source: string } } }) => t.fitness?.val_acc?.source === 'predicted',
      ),
    ).toBe(true);
  }, 60_000);
});
