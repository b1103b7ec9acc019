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


def goodness_curves(path, metric, sign, rng, complete=False, limit=1500, records=False):
    """The set's curves of its longest length as goodness: accuracies as they are, losses as minus their log;
    TaskSet's `valid_loss` without its point before training. `complete`: only curves with no missing value (else
    the missing ones are dropped). At most `limit` curves, drawn with `rng`. `records`: also the curves' records
    (the parsed lines), in the same order."""
    curves = []
    kept = []
    for line in open(path):
        record = json.loads(line)
        values = record.get(metric)
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
        kept.append(record)
    length = max(len(c) for c in curves)
    chosen = [i for i, c in enumerate(curves) if len(c) == length]
    if len(chosen) > limit:
        chosen = [chosen[i] for i in rng.choice(len(chosen), limit, replace=False)]
    array = np.array([curves[i] for i in chosen])
    return (array, [kept[i] for i in chosen]) if records else array


def configuration_matrix(records):
    """The records' configurations as numbers: every field of `config`, `genome` or `hp` (a dict, or a dict written
    as a Python literal), and `flops`, `num_params`, `dataset`, `task`; numbers as they are (their log when positive
    and spanning more than 30×), anything else one-hot. Columns that never vary are dropped."""
    import ast

    flat = []
    for record in records:
        fields = {}
        for key in ('config', 'genome', 'hp'):
            value = record.get(key)
            if isinstance(value, str):
                try:
                    value = ast.literal_eval(value)
                except (ValueError, SyntaxError):
                    value = None
            if isinstance(value, dict):
                fields.update({f'{key}.{k}': v for k, v in value.items()})
        fields.update({key: record[key] for key in ('flops', 'num_params', 'dataset', 'task') if key in record})
        flat.append(fields)
    columns = []
    for key in sorted({k for f in flat for k in f}):
        values = [f.get(key) for f in flat]
        try:
            numbers = np.array([np.nan if v is None else float(v) for v in values])
        except (TypeError, ValueError):
            numbers = None
        if numbers is not None and not np.isnan(numbers).all():
            numbers = np.where(np.isnan(numbers), np.nanmedian(numbers), numbers)
            if (numbers > 0).all() and numbers.max() / numbers.min() > 30:
                numbers = np.log(numbers)
            columns.append(numbers)
        else:
            for level in sorted({str(v) for v in values}):
                columns.append(np.array([1.0 if str(v) == level else 0.0 for v in values]))
    matrix = np.column_stack(columns) if columns else np.zeros((len(records), 0))
    return matrix[:, matrix.std(0) > 0]
