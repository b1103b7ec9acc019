"""Offline gate for a prior learned from real curves of the other development sets (leave one set out).

The synthetic prior (`synthetic-prior.py`) did not transfer to real curves; this one learns from the real curves of
five development sets and is scored on the sixth. Inputs are scale-free: the prefix resampled to 10 points and
scaled by its last value and range, and the trial's standing among all trials at the same epoch (z-scores of its
smoothed last value, best value, recent gain and range), the progress and its log. The target: the final as a
z-score of the values at that epoch. A ridge regression and a small MLP (numpy, Adam) are fitted on prefixes up to
40% of every curve of the five sets; on the held-out set, at 5/10/20/30% of its epochs, the Spearman correlation of
their prediction with the true final and the share of the true top 10% among the 30% they rank highest, against the
smoothed last value (what truncation ranks by). BENCHMARKS.md has the figures.

    python3 bench/replay/real-prior.py [--curves ../shared/data/curves]
"""
import argparse
import json

import numpy as np
from scipy.stats import spearmanr

from development_sets import development_sets, goodness_curves

parser = argparse.ArgumentParser()
parser.add_argument('--curves', default='../shared/data/curves')
CURVES = parser.parse_args().curves
SETS = development_sets(CURVES)
rng = np.random.default_rng(0)
K = 10
FRACTIONS = (0.05, 0.1, 0.2, 0.3)


def load(path, metric, sign):
    return goodness_curves(path, metric, sign, rng)


def features(C, t):
    length = C.shape[1]
    prefix = C[:, :t]
    last = prefix[:, -min(3, t):].mean(1)
    span = np.maximum(np.ptp(prefix, 1), 1e-6)
    grid = np.array([np.interp(np.linspace(0, t - 1, K), np.arange(t), p) for p in prefix])
    shape = (grid - last[:, None]) / span[:, None]
    k = max(1, t // 5)
    gain = prefix[:, -k:].mean(1) - prefix[:, -2 * k:-k].mean(1) if t >= 2 * k else prefix[:, -1] - prefix[:, 0]
    mu, sd = last.mean(), last.std() + 1e-9
    z = lambda x: (x - x.mean()) / (x.std() + 1e-9)
    progress = np.full(len(C), t / length)
    X = np.column_stack([shape, (last - mu) / sd, z(gain), z(span), (prefix.max(1) - mu) / sd, progress,
                         np.log(progress), (last - mu) / sd * progress, z(gain) * progress])
    return X, last, mu, sd


def training_set(names):
    Xs, Zs = [], []
    for name in names:
        C = data[name]
        for t in range(3, max(4, int(0.4 * C.shape[1])) + 1):
            X, _, mu, sd = features(C, t)
            Xs.append(X)
            Zs.append(np.clip((C[:, -1] - mu) / sd, -10, 10))
    return np.vstack(Xs), np.concatenate(Zs)


def ridge(X, Z, lam=1.0):
    A = np.column_stack([X, np.ones(len(X))])
    w = np.linalg.solve(A.T @ A + lam * np.eye(A.shape[1]), A.T @ Z)
    return lambda X: np.column_stack([X, np.ones(len(X))]) @ w


def mlp(X, Z, epochs=15, hidden=64, lr=1e-3, batch=256):
    d = X.shape[1]
    P = [rng.normal(0, np.sqrt(2 / d), (d, hidden)), np.zeros(hidden), rng.normal(0, np.sqrt(2 / hidden), (hidden, 1)), np.zeros(1)]
    M = [np.zeros_like(p) for p in P]
    V = [np.zeros_like(p) for p in P]
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for k in range(0, len(X), batch):
            i = order[k:k + batch]
            x, z = X[i], Z[i][:, None]
            h = np.maximum(0, x @ P[0] + P[1])
            g = 2 * (h @ P[2] + P[3] - z) / len(i)
            back = (g @ P[2].T) * (h > 0)
            step += 1
            for j, gr in enumerate([x.T @ back, back.sum(0), h.T @ g, g.sum(0)]):
                M[j] = 0.9 * M[j] + 0.1 * gr
                V[j] = 0.999 * V[j] + 0.001 * gr * gr
                P[j] -= lr * (M[j] / (1 - 0.9 ** step)) / (np.sqrt(V[j] / (1 - 0.999 ** step)) + 1e-8)
    return lambda X: (np.maximum(0, X @ P[0] + P[1]) @ P[2] + P[3])[:, 0]


data = {name: load(path, metric, sign) for name, path, metric, sign in SETS}
print('| held-out set | ' + ' | '.join(f'{int(f * 100)}%: ρ last / ridge / MLP; top 10% in best 30% last / ridge / MLP' for f in FRACTIONS) + ' |')
print('| --- | ' + ' | '.join('---' for _ in FRACTIONS) + ' |')
for held in data:
    X, Z = training_set([n for n in data if n != held])
    by_ridge, by_mlp = ridge(X, Z), mlp(X, Z)
    C = data[held]
    final = C[:, -1]
    top = final >= np.sort(final)[::-1][max(1, len(final) // 10) - 1]

    def kept(score):
        chosen = np.argsort(-score)[:int(0.3 * len(score))]
        return top[chosen].sum() / top.sum()

    cells = []
    for f in FRACTIONS:
        t = max(3, int(round(f * C.shape[1])))
        Xh, last, _, _ = features(C, t)
        r, m = by_ridge(Xh), by_mlp(Xh)
        cells.append(f'{spearmanr(last, final)[0]:.2f} / {spearmanr(r, final)[0]:.2f} / {spearmanr(m, final)[0]:.2f}; '
                     f'{kept(last):.2f} / {kept(r):.2f} / {kept(m):.2f}')
    print(f'| {held} ({len(C)}) | ' + ' | '.join(cells) + ' |', flush=True)
