import type { ReportAnswer } from '@penguin-nas/core';
import { describe, expect, it } from 'vitest';
import { TrialInbox } from '../src/trial-inbox.js';
import { type EpochMessage, QUEUE_PROTOCOL, type ResultMessage } from '../src/wire.js';

const tags = { protocol: QUEUE_PROTOCOL, runId: 'run-1', trialId: 't0', agent: 'a/0' } as const;
const epoch = (n: number, delivery = 1, attempt = 1): EpochMessage => ({
  ...tags,
  kind: 'epoch',
  attempt,
  delivery,
  epoch: n,
  logs: { val_acc: n * 10 },
});
const result = (epochs: number, delivery = 1, attempt = 1): ResultMessage => ({
  ...tags,
  kind: 'result',
  attempt,
  delivery,
  ok: true,
  result: { epochs },
});

function inbox(stopAt = Number.POSITIVE_INFINITY) {
  const reported: number[] = [];
  const answers: string[] = [];
  const notices: string[] = [];
  const box = new TrialInbox(
    't0',
    1,
    async (logs) => {
      reported.push(logs.epoch);
      return (logs.epoch >= stopAt ? 'stop' : 'continue') as ReportAnswer;
    },
    {
      answer: (m, a) => answers.push(`${m.delivery}:${m.epoch}:${a}`),
      notice: (e) => notices.push(e.type),
    },
  );
  return { box, reported, answers, notices };
}

describe('TrialInbox: at-least-once messages, exactly-once reports', () => {
  it('reports each epoch once; a redelivery is answered from memory and continues the curve', async () => {
    const { box, reported, answers, notices } = inbox();
    box.onEpoch(epoch(1));
    box.onEpoch(epoch(2));
    box.onEpoch(epoch(1, 2)); // the job moved to another agent, which starts over
    box.onEpoch(epoch(2, 2));
    box.onEpoch(epoch(3, 2));
    box.onEpoch(epoch(3, 1)); // the old agent woke up: stale
    box.onResult(result(3, 2));
    expect(await box.done).toEqual({ epochs: 3 });
    expect(reported).toEqual([1, 2, 3]);
    expect(answers).toEqual([
      '1:3:stop',
      '1:1:continue',
      '1:2:continue',
      '2:1:continue',
      '2:2:continue',
      '2:3:continue',
    ]);
    expect(notices).toEqual(['redelivered', 'stale-epoch']);
  });

  it('the first result wins; a later one and results of older attempts are recorded as stale', async () => {
    const { box, notices } = inbox(2);
    box.onEpoch(epoch(1));
    box.onEpoch(epoch(2));
    box.onResult(result(2, 1, 0 + 1));
    box.onResult(result(2, 2));
    expect(await box.done).toEqual({ epochs: 2 });
    expect(notices).toEqual(['stale-result']);
    const other = inbox();
    other.box.onEpoch(epoch(1, 1, 2));
    expect(other.answers).toEqual(['1:1:stop']);
    other.box.fail(new Error('job failed'));
    await expect(other.box.done).rejects.toThrow('job failed');
  });
});
