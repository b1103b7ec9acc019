"""How much of a late final the learning-rate schedule explains, with every curve known (no replay).

For each epoch t, among the runs in the upper half by their smoothed value at t (the mean of the last 3 points), fit
the final on that value (least squares, a line) and print the residual's sd and its mean per schedule label.
BENCHMARKS.md, "Late bloomers under learning-rate schedules", has the figures.

    python3 bench/replay/schedule-residuals.py bench/e2e/curves/fmnist-mlp-schedules-150.jsonl [--epochs 3,5,8,11]
"""
import argparse
import json

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument('file')
parser.add_argument('--epochs', default='3,5,8,11')
parser.add_argument('--metric', default='val_acc')
args = parser.parse_args()

runs = [json.loads(line) for line in open(args.file) if line.strip()]
values = np.array([r[args.metric] for r in runs], dtype=float)
finals = values[:, -1]
labels = np.array([r['genome']['schedule'] for r in runs])
for epoch in (int(e) for e in args.epochs.split(',')):
    smoothed = values[:, max(0, epoch - 3) : epoch].mean(axis=1)
    upper = smoothed >= np.median(smoothed)
    line = np.polyfit(smoothed[upper], finals[upper], 1)
    residual = finals - np.polyval(line, smoothed)
    per_label = ', '.join(
        f'{label} {residual[upper & (labels == label)].mean():+.2f} (n={int((upper & (labels == label)).sum())})'
        for label in sorted(set(labels))
    )
    print(f'epoch {epoch}: residual sd {residual[upper].std():.2f}; mean per schedule: {per_label}')
