import { describe, expect, it } from 'vitest';
import { checkValue } from '../../src/space/decisions.js';

describe('checkValue on categorical decisions', () => {
  const ids = Array.from({ length: 15_625 }, (_, i) => `arch-${i}`);
  const decision = { kind: 'categorical', name: 'curve', choices: ids } as const;

  it('finds a value among many choices', () => {
    expect(checkValue(decision, 'arch-15624')).toBeUndefined();
    expect(checkValue(decision, 'arch-0')).toBeUndefined();
    expect(checkValue({ kind: 'categorical', name: 'flag', choices: [true, 3, 'x'] }, 3)).toBeUndefined();
  });

  it('names the first 20 of many choices and their count, not all of them', () => {
    const message = checkValue(decision, 'arch-x') as string;
    expect(message).toMatch(
      /^curve: expected one of "arch-0", "arch-1", .*"arch-19", … \(15625 choices\), got "arch-x"$/,
    );
    expect(message.length).toBeLessThan(400);
    expect(checkValue({ kind: 'categorical', name: 'op', choices: ['a', 'b'] }, 'c')).toBe(
      'op: expected one of "a", "b", got "c"',
    );
  });
});
