import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { ConfigError, MAX_ISSUE_LENGTH } from '../../src/config/config-error.js';
import { MAX_YAML_ALIASES } from '../../src/config/yaml-loader.js';
import { memoryIO } from '../helpers/memory-io.js';
import { NB201, tempDir } from '../helpers/temp-dir.js';

const header = `space: { name: tabular, file: ${JSON.stringify(NB201)} }
searcher: random
trainer: replay
maxEpochs: 10
budget: { trials: 2 }
`;

/** Nine anchors, each a list of nine aliases of the one before: 9^9 strings once expanded. */
function aliasBomb(): string {
  const lines = ['      l0: &l0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `      l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`,
    );
  return `${header}predictor:\n  rule:\n    kind: any\n    rules:\n${lines.join('\n')}\n`;
}

describe('hostile YAML configs', () => {
  it('an alias bomb under predictor.rule fails at once with a message naming the file, not a RangeError', async () => {
    const cwd = tempDir({ '.penguinrc.yaml': aliasBomb() });
    const io = memoryIO(cwd);
    const started = Date.now();
    expect(await main(['run'], io)).toBe(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(io.err()).toBe(
      `penguin: .penguinrc.yaml: cannot read the config: expected at most ${MAX_YAML_ALIASES} expansions of YAML ` +
        'aliases (*name), found more: anchors that repeat anchors expand exponentially; write the values out or use ' +
        'fewer aliases\n',
    );
  });

  it('a few aliases still work', async () => {
    const cwd = tempDir({
      '.penguinrc.yaml': `${header}objectives:\n  - &acc { name: val_acc, direction: maximize }\nout: runs/x\n`,
    });
    const io = memoryIO(cwd);
    expect(await main(['run', '--json'], io)).toBe(0);
  });

  it('one YAML syntax error is one problem, shown with its line, column and source', async () => {
    const cwd = tempDir({ '.penguinrc.yaml': `${header}predictor: { rule: { kind: any\nseed: 3\n` });
    const io = memoryIO(cwd);
    expect(await main(['run'], io)).toBe(2);
    const err = io.err();
    expect(err).not.toMatch(/\d+ problems/);
    expect(err).toMatch(
      /^penguin: \.penguinrc\.yaml: cannot read the config: Flow map .* end with a \} at line 7, column 1:\n/,
    );
    expect(err).toContain('seed: 3');
  });
});

describe('error messages stay short', () => {
  it('a 5,000-character unknown key is echoed clipped', async () => {
    const cwd = tempDir({ '.penguinrc.yaml': `${header}? ${'y'.repeat(5_000)}\n: 1\n` });
    const io = memoryIO(cwd);
    expect(await main(['run'], io)).toBe(2);
    expect(io.err().length).toBeLessThan(1_000);
    expect(io.err()).toMatch(
      /^penguin: \.penguinrc\.yaml: y{200}… \(4800 more characters\): unknown key; expected/,
    );
  });

  it('a 100,000-character message is clipped to what a terminal can show', () => {
    const text = ConfigError.format('f.json', [
      { path: ['searcher'], message: `unknown '${'z'.repeat(100_000)}'` },
    ]);
    expect(text.length).toBeLessThan(MAX_ISSUE_LENGTH + 100);
    expect(text).toMatch(/^f\.json: searcher: unknown 'z+… \(99010 more characters\)$/);
  });
});
