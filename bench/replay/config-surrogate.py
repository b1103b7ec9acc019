"""Would a predictor that reads the configuration help at the sample sizes a run has? The hindsight ceiling
(`hindsight-bound.py --with-config`) fits its configuration model on 80% of a set: hundreds of trained trials. A
calibration inside a run has the trials trained to the end so far: tens. Here each ranking is fitted on m trials
drawn at random (m = 20, 40, 80) and ranks the others at a checkpoint (5%, 10%, 20% of the epochs); the figure is
the share of the held-out trials' top 10% among the best-ranked quarter (what a rule keeping a quarter there
keeps), the mean over 40 draws.

Rankings:
- last value: the mean of the last 3 points;
- prefix: a ridge model of the final on (last value, best so far);
- joint: the same with the configuration's columns too (`configuration_matrix`), the ridge chosen by
  leave-one-out error among the m trials;
- residual: the prefix model plus a ridge model of its residual on the configuration, the ridge chosen by
  leave-one-out error (an infinite ridge is the prefix model);
- gated: the residual model only where its leave-one-out error is below 60% of the prefix model's (the way the
  calibration admits the training metric: a feature enters once it has predicted better).

    python3 bench/replay/config-surrogate.py [--curves DIR] [--draws 40]
"""
import argparse

import numpy as np
from development_sets import configuration_matrix, development_sets, goodness_curves

parser = argparse.ArgumentParser()
parser.add_argument('--curves', default='../shared/data/curves')
parser.add_argument('--draws', type=int, default=40)
args = parser.parse_args()
RIDGES = (0.1, 1.0, 10.0, 100.0, 1e3, 1e4)
GATE = 0.6
KEEP = 0.25
SIZES = (20, 40, 80)
FRACTIONS = (0.05, 0.1, 0.2)
KINDS = ('last value', 'prefix', 'joint', 'residual', 'gated')


def standardised(X, train):
    """X's columns centred and scaled on the training rows, with a column of ones."""
    mean, sd = X[train].mean(0), X[train].std(0) + 1e-9
    return np.column_stack([(X - mean) / sd, np.ones(len(X))])


def ridge(Z, y, penalty):
    """Ridge weights (the intercept, Z's last column, unpenalised)."""
    P = penalty * np.eye(Z.shape[1])
    P[-1, -1] = 0
    return np.linalg.solve(Z.T @ Z + P, Z.T @ y)


def loo_error(Z, y, penalty):
    """Mean squared leave-one-out error of a ridge fit, in closed form through the hat matrix."""
    P = penalty * np.eye(Z.shape[1])
    P[-1, -1] = 0
    H = Z @ np.linalg.solve(Z.T @ Z + P, Z.T)
    residual = (y - H @ y) / np.maximum(1 - np.diag(H), 1e-6)
    return float(np.mean(residual ** 2))


def best_ridge(Z, y):
    return min(RIDGES, key=lambda r: loo_error(Z, y, r))


def rankings(C, config, t, train):
    final = C[:, -1]
    last = C[:, max(0, t - 3):t].mean(1)
    Zp = standardised(np.column_stack([last, C[:, :t].max(1)]), train)
    prefix = Zp @ ridge(Zp[train], final[train], 1.0)
    Zj = standardised(np.column_stack([last, C[:, :t].max(1), config]), train)
    joint = Zj @ ridge(Zj[train], final[train], best_ridge(Zj[train], final[train]))
    Zc = standardised(config, train)
    residual = final - prefix
    penalty = best_ridge(Zc[train], residual[train])
    with_config = prefix + Zc @ ridge(Zc[train], residual[train], penalty)
    ones = Zc[:, -1:]
    off = loo_error(ones[train], residual[train], 0.0)
    gated = with_config if loo_error(Zc[train], residual[train], penalty) < GATE * off else prefix
    return {'last value': last, 'prefix': prefix, 'joint': joint, 'residual': with_config, 'gated': gated}


def main():
    rng = np.random.default_rng(0)
    print('| set | checkpoint | trained trials | ' + ' | '.join(KINDS) + ' |')
    print('| --- | ---: | ---: | ' + ' | '.join('---:' for _ in KINDS) + ' |')
    for name, path, metric, sign in development_sets(args.curves):
        C, records = goodness_curves(path, metric, sign, rng, complete=True, records=True)
        config = configuration_matrix(records)
        n, length = C.shape
        final = C[:, -1]
        for fraction in FRACTIONS:
            t = max(1, int(round(fraction * length)))
            for m in SIZES:
                if m > n // 2:
                    continue
                recalls = {kind: [] for kind in KINDS}
                draws = np.random.default_rng([m, t])
                for _ in range(args.draws):
                    order = draws.permutation(n)
                    train, test = order[:m], order[m:]
                    is_top = final[test] >= np.quantile(final[test], 0.9)
                    kept = int(KEEP * len(test))
                    for kind, score in rankings(C, config, t, train).items():
                        best = np.argsort(-score[test], kind='stable')[:kept]
                        recalls[kind].append(is_top[best].sum() / is_top.sum())
                cells = ' | '.join(f'{np.mean(recalls[k]):.2f}' for k in KINDS)
                print(f'| {name} | epoch {t} of {length} | {m} | {cells} |', flush=True)


main()
