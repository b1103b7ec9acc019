import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE } from '../../src/options/defaults.js';
import { resolvePredictorOptions } from '../../src/options/resolve-options.js';
import {
  chooseDeltas,
  formatDeltaChoices,
  parseDeltas,
  type SeedSummary,
  sweepDeltas,
} from '../../src/replay/index.js';

/** Every delta a rule spec holds, depth first. */
function deltasIn(rule: unknown): number[] {
  if (typeof rule !== 'object' || rule === null) return [];
  const r = rule as { delta?: number; rules?: unknown[] };
  return [...(r.delta === undefined ? [] : [r.delta]), ...(r.rules ?? []).flatMap(deltasIn)];
}

describe('parseDeltas', () => {
  it('reads a comma list of distinct numbers in (0, 1)', () => {
    expect(parseDeltas('0.01, 0.05,0.2')).toEqual([0.01, 0.05, 0.2]);
  });
  it.each(['0', '0.1,1', '0.1,0.1', 'a', '0.1,,0.2'])('refuses "%s", saying what it expects', (text) => {
    expect(() => parseDeltas(text)).toThrow(
      `replay.deltas: expected a list of distinct numbers in (0, 1) such as 0.01,0.05,0.1, got "${text}"`,
    );
  });
});

describe('sweepDeltas', () => {
  it("puts each δ into the default rule's top-fraction rule, leaving the rest of the rule and the options alone", () => {
    const configs = sweepDeltas(
      [{ name: 'predictor', options: { calibration: { ridge: 0.02 } } }],
      [0.01, 0.2],
    );
    expect(configs.map((c) => c.name)).toEqual(['predictor δ=0.01', 'predictor δ=0.2']);
    expect(configs.map((c) => deltasIn(c.options.rule))).toEqual([[0.01], [0.2]]);
    expect(configs[0]?.options.calibration).toEqual({ ridge: 0.02 });
    // Only the delta moved: the default rule with its delta set back is the default rule.
    const restored = JSON.parse(
      JSON.stringify(configs[0]?.options.rule).replace('"delta":0.01', '"delta":0.02'),
    );
    expect(restored).toEqual(DEFAULT_RULE);
  });

  it('sweeps every top-fraction rule of a combination, and refuses a rule without one, naming it', () => {
    const both = {
      kind: 'all',
      rules: [
        { kind: 'top-fraction', delta: 0.1 },
        { kind: 'any', rules: [{ kind: 'top-fraction', fraction: 0.2 }, { kind: 'median' }] },
      ],
    };
    const [swept] = sweepDeltas([{ name: 'mine', options: { rule: both } }], [0.03]);
    expect(deltasIn(swept?.options.rule)).toEqual([0.03, 0.03]);
    expect(() => sweepDeltas([{ name: 'asha', options: { rule: { kind: 'asha' } } }], [0.1])).toThrow(
      `--deltas: predictor "asha" has no top-fraction rule, so no δ to sweep (rule kind 'asha')`,
    );
    // A rule written without its kind is a peng4nn rule: the message says so rather than name a kind not written.
    expect(() => sweepDeltas([{ name: 'bare', options: { rule: { N: 3 } } }], [0.1])).toThrow(
      `--deltas: predictor "bare" has no top-fraction rule, so no δ to sweep (kind omitted: peng4nn)`,
    );
  });
});

describe('sweepDeltas with an aim', () => {
  it("sweeps δ over the aimed rule: the aim's fraction stays, its δ gives way to the swept one", () => {
    const configs = sweepDeltas(
      [{ name: 'best', options: { aim: { fraction: 0.02, delta: 0.3 } } }],
      [0.01, 0.05],
    );
    expect(configs.map((c) => deltasIn(c.options.rule))).toEqual([[0.01], [0.05]]);
    for (const config of configs) {
      expect(config.options).not.toHaveProperty('aim');
      // Resolved again (as the replay does) the swept δ is what the rule holds.
      const top = JSON.stringify(resolvePredictorOptions(config.options).rule);
      expect(top).toContain('"fraction":0.02');
      expect(deltasIn(resolvePredictorOptions(config.options).rule)).toEqual(deltasIn(config.options.rule));
    }
  });
});

describe('chooseDeltas', () => {
  const summary = (saved: number, recall: number) =>
    ({
      epochsSaved: { mean: saved, sd: 0 },
      topK: [{ label: 'top-10%', recall: { mean: recall, sd: 0 }, difference: { mean: 0, sd: 0 } }],
    }) as unknown as SeedSummary;
  const configs = [
    { name: 'a', options: {} },
    { name: 'b', options: {} },
  ];
  const deltas = [0.01, 0.05, 0.1];
  // a: recall 0.9, 0.86, 0.8 at savings 0.7, 0.75, 0.78; b: never reaches 0.85.
  const summaries = [
    summary(0.7, 0.9),
    summary(0.75, 0.86),
    summary(0.78, 0.8),
    summary(0.6, 0.8),
    summary(0.7, 0.7),
    summary(0.8, 0.6),
  ];

  it('takes the δ saving the most among those meeting the request, not merely the largest (noisy figures)', () => {
    // δ = 0.1 keeps enough but saves less than δ = 0.05 here.
    const noisy = [summary(0.7, 0.9), summary(0.76, 0.88), summary(0.74, 0.86)];
    expect(chooseDeltas(noisy, [{ name: 'a', options: {} }], deltas, 0.85)[0]?.delta).toBe(0.05);
  });

  it('names the δ saving the most among those whose mean recall meets the request, or the most careful one when none does', () => {
    const choices = chooseDeltas(summaries, configs, deltas, 0.85);
    expect(choices).toEqual([
      { config: 'a', delta: 0.05, epochsSaved: 0.75, recall: 0.86 },
      { config: 'b', delta: undefined, epochsSaved: 0.6, recall: 0.8 },
    ]);
    expect(formatDeltaChoices(choices, 0.85, deltas)).toBe(
      'a: δ = 0.05 saves the most epochs while keeping 0.85 of the top 10% on average (0.86, 75.0% of epochs saved)\n' +
        'b: no δ of 0.01, 0.05, 0.1 keeps 0.85 of the top 10% on average; the most careful keeps 0.80 (60.0% of epochs saved): try smaller δ',
    );
  });
});
