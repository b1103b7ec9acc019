"""Hindsight ceiling: how much of the top 10% any successive-halving policy keeps at a given saving when it is tuned
on the complete set it is scored on. Each set's trials are all ranked at once (synchronously, every curve known up to
the checkpoint: more than an online rule knows) at up to three checkpoints, keeping the best share of the survivors
there, by the smoothed last value or by a ridge model of the final on the prefix fitted on the other folds of the
same set; the survivors of the last checkpoint are trained to the end. The best policy per set, selected on the very
curves it is scored on, is an optimistic ceiling for rules that judge by the curve prefix.

A second table: the error of that cross-fitted ridge model's final at 5%, 10% and 20% of the epochs (points of
accuracy; for losses the error of the log loss, as a percentage of the loss), a floor for the value a trial stopped
there can report.

`--with-config`: a third ranking, the prefix model with the trials' configurations as inputs too (every field of a
record's `config`, `genome` or `hp`: numbers, their log, or one-hot), to see how much a predictor that also read the
configuration could keep.

`--leave-one-out`: instead, one policy for all sets (two checkpoints, ranked by the smoothed last value), chosen
on five sets (the highest mean recall among those saving at least 75% on each) and scored on the sixth.

    python3 bench/replay/hindsight-bound.py [--stages 3] [--with-config] [--leave-one-out] [--curves DIR]
"""
import argparse
import itertools
import json

import numpy as np
from development_sets import configuration_matrix, development_sets, goodness_curves

parser = argparse.ArgumentParser()
parser.add_argument('--curves', default='../shared/data/curves')
parser.add_argument('--stages', type=int, default=3, choices=[1, 2, 3])
parser.add_argument('--leave-one-out', action='store_true')
parser.add_argument('--with-config', action='store_true')
args = parser.parse_args()
SETS = development_sets(args.curves)
FRACTIONS = (0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
SHARES = np.round(np.arange(0.1, 0.95, 0.1), 2)
SAVINGS = (0.6, 0.7, 0.75, 0.8)
rng = np.random.default_rng(0)


def load(path, metric, sign):
    curves, records = goodness_curves(path, metric, sign, rng, complete=True, records=True)
    return curves, configuration_matrix(records)


def smoothed(C, t):
    return C[:, max(0, t - 3):t].mean(1)


def model_scores(C, t, folds=5, config=None, draws=None):
    """The final predicted from the prefix (12 resampled points, the smoothed last value, the best, the recent gain;
    with `config`, the configuration's columns too), ridge-fitted on the other folds of the same set."""
    P = C[:, :t]
    idx = np.unique(np.round(np.linspace(0, t - 1, min(t, 12))).astype(int))
    last = smoothed(C, t)
    X = np.column_stack([P[:, idx], last, P.max(1), last - P[:, max(0, t - 1 - max(1, t // 3))]]
                        + ([] if config is None else [config]))
    X = (X - X.mean(0)) / (X.std(0) + 1e-9)
    X = np.column_stack([X, np.ones(len(X))])
    final = C[:, -1]
    pred = np.empty(len(C))
    order = (draws or rng).permutation(len(C))
    # With the configuration the ridge grows with the training set (many one-hot columns on a few hundred trials).
    ridge = 1.0 if config is None else len(C) / 100
    for f in range(folds):
        test = order[f::folds]
        train = np.setdiff1d(order, test)
        A = X[train]
        w = np.linalg.solve(A.T @ A + ridge * np.eye(A.shape[1]), A.T @ final[train])
        pred[test] = X[test] @ w
    return pred


def policies(checkpoints):
    for stages in range(1, args.stages + 1):
        for ts in itertools.combinations(checkpoints, stages):
            for qs in itertools.product(SHARES, repeat=stages):
                yield ts, qs


def evaluate(C, is_top, scores, ts, qs):
    n, length = C.shape
    alive = np.arange(n)
    trained = 0.0
    previous = 0
    for t, q in zip(ts, qs):
        trained += len(alive) * (t - previous)
        keep = max(1, int(round(q * len(alive))))
        alive = alive[np.argsort(-scores[t][alive], kind='stable')[:keep]]
        previous = t
    trained += len(alive) * (length - previous)
    return 1 - trained / (n * length), is_top[alive].sum() / is_top.sum()


def leave_one_out():
    sets = {}
    for name, path, metric, sign in SETS:
        C, _ = load(path, metric, sign)
        is_top = np.zeros(len(C), bool)
        is_top[np.argsort(-C[:, -1])[:max(1, int(0.1 * len(C)))]] = True
        sets[name] = (C, is_top)
    grid = [((f1, f2), (q1, q2)) for f1 in (0.03, 0.05, 0.075, 0.1, 0.15) for f2 in (0.1, 0.15, 0.2, 0.3, 0.4)
            if f2 > f1 for q1 in np.round(np.arange(0.2, 0.85, 0.05), 2) for q2 in np.round(np.arange(0.1, 0.95, 0.05), 2)]
    results = {}
    for fs, qs in grid:
        for name, (C, is_top) in sets.items():
            length = C.shape[1]
            ts = sorted({max(1, int(round(f * length))) for f in fs})
            scores = {t: smoothed(C, t) for t in ts}
            results[(fs, qs, name)] = evaluate(C, is_top, scores, ts, qs[:len(ts)])
    print('| held-out set | policy chosen on the other five | ' + ' | '.join(sets) + ' |')
    print('| --- | --- | ' + ' | '.join('---:' for _ in sets) + ' |')
    for held in sets:
        others = [n for n in sets if n != held]
        feasible = [(fs, qs) for fs, qs in grid if all(results[(fs, qs, n)][0] >= 0.75 for n in others)]
        fs, qs = max(feasible, key=lambda p: np.mean([results[(*p, n)][1] for n in others]))
        policy = ' → '.join(f'{f:.1%} of the epochs: keep {q:.0%}' for f, q in zip(fs, qs))
        cells = [f'{results[(fs, qs, n)][0]:.0%} / {results[(fs, qs, n)][1]:.2f}' + (' (held out)' if n == held else '')
                 for n in sets]
        print(f'| {held} | {policy} | ' + ' | '.join(cells) + ' |', flush=True)


if args.leave_one_out:
    leave_one_out()
    raise SystemExit(0)

errors = {}
print('| set | ranked by | ' + ' | '.join(f'{int(s * 100)}% saved' for s in SAVINGS) + ' | best policy at 75% |')
print('| --- | --- | ' + ' | '.join('---:' for _ in SAVINGS) + ' | --- |')
for name, path, metric, sign in SETS:
    C, config = load(path, metric, sign)
    n, length = C.shape
    final = C[:, -1]
    is_top = np.zeros(n, bool)
    is_top[np.argsort(-final)[:max(1, int(0.1 * n))]] = True
    checkpoints = sorted({max(1, int(round(f * length))) for f in FRACTIONS})
    for t in sorted({max(1, int(round(f * length))) for f in (0.05, 0.1, 0.2)}):
        errors.setdefault(name, []).append((t, float(np.mean(np.abs(model_scores(C, t) - final)))))
    kinds = ['last value', 'prefix model'] + (['prefix + configuration'] if args.with_config else [])
    for kind in kinds:
        # The configuration model draws its folds from its own generator: the other rows stay as without it.
        draws = np.random.default_rng(1)
        scores = {t: smoothed(C, t) if kind == 'last value' else model_scores(C, t) if kind == 'prefix model'
                  else model_scores(C, t, config=config, draws=draws) for t in checkpoints}
        results = [(*evaluate(C, is_top, scores, ts, qs), ts, qs) for ts, qs in policies(checkpoints)]
        cells = []
        for s in SAVINGS:
            cells.append(f'{max(r[1] for r in results if r[0] >= s):.2f}')
        at75 = max((r for r in results if r[0] >= 0.75), key=lambda r: (r[1], r[0]))
        policy = ' → '.join(f'epoch {t}: keep {q:.0%}' for t, q in zip(at75[2], at75[3]))
        print(f'| {name} ({n} × {length}) | {kind} | ' + ' | '.join(cells) + f' | {policy} ({at75[0]:.0%} saved) |', flush=True)

print()
print('| set | error of the prefix model\'s final (epoch: mean absolute error) |')
print('| --- | --- |')
for name, _, metric, sign in SETS:
    unit = ' points' if sign == 1 else '% of the loss'
    scale = 1 if sign == 1 else 100
    print(f'| {name} | ' + ', '.join(f'epoch {t}: {e * scale:.2f}{unit}' for t, e in errors[name]) + ' |')
