"""Offline gate for a prior over curve shapes learned from synthetic curves (LC-PFN's idea, in a small form).

An MLP (numpy, Adam, pinball loss) is trained on 200,000 prefixes of 20,000 synthetic curves of 50 points (power
law, exponential, a sigmoid rise in log time, a plateau then a late escape, a power law with a step jump; noise up
to 0.03) to predict the 10/50/90% quantiles of the final value from the prefix resampled to 10 points. Then, on the
development sets at 5%, 10% and 20% of their epochs, the Spearman correlation of its median with the true final
and the share of the true top 10% among the 30% it ranks highest, against the smoothed last value (what truncation
ranks by). `--form relative`: inputs and output scaled by the prefix's last value and range (scale-free);
`--form absolute`: accuracies / 100, losses as 1 - loss / first loss. BENCHMARKS.md has the figures.

    python3 bench/replay/synthetic-prior.py --form relative
"""
import argparse
import json
import sys
import time

import numpy as np
from development_sets import development_sets

parser = argparse.ArgumentParser()
parser.add_argument('--form', choices=['relative', 'absolute'], default='relative')
parser.add_argument('--curves', default='../shared/data/curves')
FORM = parser.parse_args().form
CURVES = parser.parse_args().curves
rng = np.random.default_rng(0)
T = 50; K = 10  # grid length, resampled prefix points

def synth(n):
    x = np.arange(1, T + 1) / T
    fam = rng.integers(0, 5, n)
    c = rng.uniform(0.3, 1.0, n); a = rng.uniform(0.05, 0.9, n) * c
    Y = np.empty((n, T))
    for i in range(n):
        f = fam[i]
        if f == 0:   # pow3
            al = rng.uniform(0.2, 2.0); y = c[i] - a[i] * (x * T) ** (-al)
        elif f == 1: # exp
            b = rng.uniform(1, 20); y = c[i] - a[i] * np.exp(-b * x)
        elif f == 2: # log-sigmoid rise in log x (slow starters)
            m = rng.uniform(-3, 0); w = rng.uniform(0.2, 1.5); y = c[i] - a[i] / (1 + np.exp((np.log(x) - m) / w))
        elif f == 3: # plateau then late escape
            t0 = rng.uniform(0.1, 0.9); w = rng.uniform(0.01, 0.15); y = (c[i] - a[i]) + a[i] / (1 + np.exp(-(x - t0) / w))
        else:        # pow3 with a step jump (a schedule decay)
            al = rng.uniform(0.2, 2.0); y = c[i] - a[i] * (x * T) ** (-al)
            t0 = rng.uniform(0.3, 0.9); y = y + (x >= t0) * rng.uniform(0.0, 0.15) * (1 - y)
        noise = rng.uniform(0.0, 0.03)
        Y[i] = np.clip(y + rng.normal(0, noise, T), 0, 1)
    return Y

def features(prefix, progress):
    # prefix: values (goodness) so far; resample to K points over its own length; normalise by last and range
    n = len(prefix); last = prefix[-3:].mean(); s = max(np.ptp(prefix), 1e-3)
    grid = np.interp(np.linspace(0, n - 1, K), np.arange(n), prefix)
    if FORM == 'absolute':
        return np.concatenate([grid, [last, progress, np.log(progress)]]), last, 1.0
    return np.concatenate([(grid - last) / s, [progress, np.log(progress)]]), last, s

def dataset(Y, m):
    X, Z = [], []
    for _ in range(m):
        i = rng.integers(len(Y)); t = rng.integers(2, int(0.4 * T) + 1)
        f, last, s = features(Y[i, :t], t / T)
        X.append(f); Z.append((Y[i, -1] - last) / s)
    return np.array(X), np.clip(np.array(Z), -20, 50)

QS = np.array([0.1, 0.5, 0.9])
def train(X, Z, epochs=8, h=64, lr=1e-3, bs=256):
    d = X.shape[1]; W1 = rng.normal(0, np.sqrt(2 / d), (d, h)); b1 = np.zeros(h)
    W2 = rng.normal(0, np.sqrt(2 / h), (h, h)); b2 = np.zeros(h); W3 = rng.normal(0, np.sqrt(1 / h), (h, 3)); b3 = np.zeros(3)
    P = [W1, b1, W2, b2, W3, b3]; M = [np.zeros_like(p) for p in P]; V = [np.zeros_like(p) for p in P]; step = 0
    for ep in range(epochs):
        order = rng.permutation(len(X)); tot = 0
        for k in range(0, len(X), bs):
            idx = order[k:k + bs]; x = X[idx]; z = Z[idx][:, None]
            h1 = np.maximum(0, x @ W1 + b1); h2 = np.maximum(0, h1 @ W2 + b2); q = h2 @ W3 + b3
            e = z - q; tot += np.mean(np.maximum(QS * e, (QS - 1) * e)) * len(idx)
            g = -(np.where(e > 0, QS, QS - 1)) / len(idx)
            gW3 = h2.T @ g; gb3 = g.sum(0); g2 = (g @ W3.T) * (h2 > 0)
            gW2 = h1.T @ g2; gb2 = g2.sum(0); g1 = (g2 @ W2.T) * (h1 > 0)
            gW1 = x.T @ g1; gb1 = g1.sum(0)
            step += 1
            for j, gr in enumerate([gW1, gb1, gW2, gb2, gW3, gb3]):
                M[j] = 0.9 * M[j] + 0.1 * gr; V[j] = 0.999 * V[j] + 0.001 * gr * gr
                P[j] -= lr * (M[j] / (1 - 0.9 ** step)) / (np.sqrt(V[j] / (1 - 0.999 ** step)) + 1e-8)
        print(f'epoch {ep} pinball {tot / len(X):.4f}', file=sys.stderr)
    return P

def predict(P, X):
    W1, b1, W2, b2, W3, b3 = P
    return np.maximum(0, np.maximum(0, X @ W1 + b1) @ W2 + b2) @ W3 + b3

t0 = time.time()
Y = synth(20000); X, Z = dataset(Y, 200000)
P = train(X, Z)
print(f'trained in {time.time() - t0:.0f}s', file=sys.stderr)

from scipy.stats import spearmanr
SETS = development_sets(CURVES)
for name, path, metric, sign in SETS:
    curves = []
    for l in open(path):
        r = json.loads(l); v = r.get(metric)
        if v is None: continue
        v = [x for x in v if x is not None and np.isfinite(x) and abs(x) < 1e6]
        if metric == 'valid_loss': v = v[1:]
        if len(v) >= 10:
            a = np.array(v, float)
            if FORM == 'absolute':
                curves.append(a / 100 if sign == 1 else np.clip(1 - a / a[0], 0, 1))
            else:
                curves.append(sign * a)
    L = max(len(c) for c in curves); curves = [c for c in curves if len(c) == L]
    fin = np.array([c[-1] for c in curves])
    thr = np.sort(fin)[::-1][max(1, len(fin) // 10) - 1]; top = fin >= thr
    out = []
    for frac in (0.05, 0.1, 0.2):
        t = max(3, int(round(frac * L)))
        F = [features(c[:t], t / L) for c in curves]
        Xr = np.array([f[0] for f in F]); last = np.array([f[1] for f in F]); s = np.array([f[2] for f in F])
        q = predict(P, Xr); med = last + s * q[:, 1]; hi = last + s * q[:, 2]
        # recall of the true top 10% among the predicted top 30% (a stop keeping 30%)
        def keep(score):
            k = int(0.3 * len(score)); chosen = np.argsort(-score)[:k]; return top[chosen].sum() / top.sum()
        out.append(f'{int(frac*100)}%: rho last {spearmanr(last, fin)[0]:.3f} med {spearmanr(med, fin)[0]:.3f} | keep30 last {keep(last):.2f} med {keep(med):.2f} hi {keep(hi):.2f}')
    print(name, len(curves), ' ; '.join(out))
