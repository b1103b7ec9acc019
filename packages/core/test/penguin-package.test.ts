import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineSpace, penguinPackage, type SearchSpace } from '../src/index.js';
import { NB201 } from './paths.js';

const spaceEntry = penguinPackage.spaces?.find((s) => s.name === 'tabular');
const trainerEntry = penguinPackage.trainers?.find((t) => t.name === 'replay');

describe('core penguinPackage', () => {
  it('resolves space "tabular" from a file relative to the config and trainer "replay" over it', async () => {
    const options = spaceEntry?.options.parse({ file: 'nb201-cifar10-valid.jsonl' });
    const space = (await spaceEntry?.create(options, { configDir: dirname(NB201), seed: 1 })) as SearchSpace;
    expect(space.size()).toBe(200);
    const trainer = await trainerEntry?.create(trainerEntry.options.parse({ metrics: ['val_acc'] }), {
      configDir: '.',
      seed: 1,
      space,
      maxEpochs: 3,
    });
    const seen: number[] = [];
    const result = await trainer?.train(
      {
        id: 't0',
        genome: space.sample((await import('../src/index.js')).createRng(1)),
        seed: 1,
        maxEpochs: 3,
        signal: new AbortController().signal,
      },
      async (logs) => {
        seen.push(logs.epoch);
        return 'continue';
      },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(result?.epochs).toBe(3);
  });

  it('waits epochMs before each validation point and stops waiting when the trial is aborted', async () => {
    const options = spaceEntry?.options.parse({ file: 'nb201-cifar10-valid.jsonl' });
    const space = (await spaceEntry?.create(options, { configDir: dirname(NB201), seed: 1 })) as SearchSpace;
    const context = { configDir: '.', seed: 1, space, maxEpochs: 3 };
    const trainer = await trainerEntry?.create(trainerEntry.options.parse({ epochMs: 60 }), context);
    const genome = space.sample((await import('../src/index.js')).createRng(1));
    const started = performance.now();
    const signal = new AbortController().signal;
    await trainer?.train({ id: 't0', genome, seed: 1, maxEpochs: 3, signal }, async () => 'continue');
    expect(performance.now() - started).toBeGreaterThanOrEqual(170);
    const controller = new AbortController();
    const slow = await trainerEntry?.create(trainerEntry.options.parse({ epochMs: 60_000 }), context);
    setTimeout(() => controller.abort(), 20);
    const result = await slow?.train(
      { id: 't1', genome, seed: 1, maxEpochs: 3, signal: controller.signal },
      async () => 'continue',
    );
    expect(result?.epochs).toBe(0);
  });

  it('rejects unknown options and a replay trainer without recorded curves', async () => {
    expect(spaceEntry?.options.safeParse({ file: 'x', fiel: 'y' }).success).toBe(false);
    const other = defineSpace({ name: 'mlp', decisions: [{ kind: 'int', name: 'n', low: 1, high: 2 }] });
    await expect(async () =>
      trainerEntry?.create({}, { configDir: '.', seed: 1, space: other, maxEpochs: 3 }),
    ).rejects.toThrow('trainer: "replay" needs space "tabular" (recorded curves to replay), got space "mlp"');
  });
});

describe('tabularSpace static objectives', () => {
  it('exposes numeric record fields and computed objectives', async () => {
    const { readCurveFile, tabularSpace } = await import('../src/index.js');
    const records = (await readCurveFile(NB201)).slice(0, 5);
    const space = tabularSpace(records, {
      staticObjectives: (g) => ({ convs: Object.values(g).filter((v) => String(v).includes('conv')).length }),
    });
    const genome = records[0]?.genome ?? {};
    expect(space.staticObjectives?.(genome)).toEqual({
      convs: Object.values(genome).filter((v) => String(v).includes('conv')).length,
    });
    expect(tabularSpace(records).staticObjectives).toBeUndefined();
  });
});
