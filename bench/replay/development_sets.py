"""The development sets for the Python side-by-side scripts, as `datasets.ts` lists them for the replay benches:
(name, path, metric, sign), sign +1 for a metric to maximise, -1 for a loss. Run the scripts from the repository
root (the late-bloomer recording is a path inside it)."""
import json

import numpy as np


def development_sets(curves):
    return [('nb201', f'{curves}/nb201-cifar10-valid.jsonl', 'val_acc', 1),
            ('taskset', f'{curves}/taskset-imdb-rnn-dev.jsonl', 'valid_loss', -1),
            ('quicktune', f'{curves}/quicktune-dev.jsonl', 'val_acc', 1),
            ('nlp', f'{curves}/nasbench-nlp-wt2.jsonl', 'val_loss', -1),
            ('a4nn', f'{curves}/a4nn-xfel-1e14.jsonl', 'val_acc', 1),
            ('schedules', 'bench/e2e/curves/fmnist-mlp-schedules-150.jsonl', 'val_acc', 1)]


def goodness_curves(path, metric, sign, rng, complete=False, limit=1500):
    """The set's curves of its longest length as goodness: accuracies as they are, losses as minus their log;
    TaskSet's `valid_loss` without its point before training. `complete`: only curves with no missing value (else
    the missing ones are dropped). At most `limit` curves, drawn with `rng`."""
    curves = []
    for line in open(path):
        values = json.loads(line).get(metric)
        if values is None:
            continue
        if complete and any(v is None or not np.isfinite(v) for v in values):
            continue
        values = [v for v in values if v is not None and np.isfinite(v) and abs(v) < 1e6]
        if metric == 'valid_loss':
            values = values[1:]
        if len(values) < 10:
            continue
        a = np.array(values, float)
        curves.append(a if sign == 1 else -np.log(np.maximum(a, 1e-9)))
    length = max(len(c) for c in curves)
    curves = [c for c in curves if len(c) == length]
    if len(curves) > limit:
        curves = [curves[i] for i in rng.choice(len(curves), limit, replace=False)]
    return np.array(curves)
