import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, penguin } from './helpers/penguin-bin.js';
import { tempDir } from './helpers/temp-dir.js';

beforeAll(buildCli, 120_000);

describe('penguin run on a broken penguin.config.mjs (built binary)', () => {
  it('a syntax error shows the real SyntaxError and its line, not "Cannot require() ES Module"', async () => {
    const cwd = tempDir({
      'penguin.config.mjs': 'export default {\n  maxEpochs: 3,\n  budget: { trials: 2 } +\n};\n',
    });
    const result = await penguin(['run'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "penguin: penguin.config.mjs: cannot read the config: SyntaxError: Unexpected token '}' at line 4:\n  };\n  ^\n",
    );
  });

  it('a default export that never resolves ends with a message and exit code 2, not a silent exit 13', async () => {
    const cwd = tempDir({ 'penguin.config.mjs': 'export default new Promise(() => {});\n' });
    const result = await penguin(['run'], cwd, undefined, { PENGUIN_CONFIG_LOAD_SECONDS: '0.5' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'penguin: penguin.config.mjs: cannot read the config: expected the config module to give its config within ' +
        '0.5 s (PENGUIN_CONFIG_LOAD_SECONDS), but it is still waiting (a top-level await or an exported promise that ' +
        'never settles)\n',
    );
  });
});
