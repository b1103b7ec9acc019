"""Does a trial's configuration tell which probabilistic stops were mistakes? (offline, numpy; nothing ships from it)

For every stop the default rule made by a probability (the `--per-curve` rows of `penguin replay`, in replay order),
once 10 trials were trained to the target: the mean true final of the trials trained to the target before it,
weighted by exp(-d), d the number of genome entries in which they differ (NB201's six edges, A4NN's bits). Printed:
how well that score and the stop's own probability separate the stops whose trial did reach the stop's threshold
(AUC), and what vetoing the 5-30% of stops with the highest score would have rescued (true top-10% trials) and cost
(the epochs those trials had left, an upper bound: a vetoed trial could still be stopped later).

    node packages/cli/dist/bin.js replay ../shared/data/curves/nb201-cifar10-valid.jsonl -m val_acc --seeds 0..4 \
        --per-curve /tmp/nb201-rows
    python3 bench/replay/config-similarity.py ../shared/data/curves/nb201-cifar10-valid.jsonl /tmp/nb201-rows
"""

import collections
import json
import sys

import numpy as np


def auc(pos, neg):
    pos, neg = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((pos > neg) + 0.5 * (pos == neg)).mean())


def distance(a, b):
    if isinstance(a, dict):
        return sum(1 for k in a if a.get(k) != b.get(k))
    return sum(1 for x, y in zip(a, b) if x != y)


def main(curves_path, rows_path):
    genomes = {}
    for line in open(curves_path):
        record = json.loads(line)
        genomes[record["id"]] = record.get("genome")
    rows = [json.loads(line) for line in open(rows_path) if line.strip()]
    by_seed = collections.defaultdict(list)
    for row in rows:
        by_seed[row["seed"]].append(row)
    stops = []  # (probability, score - threshold, reached threshold, true top 10%, epochs left)
    for seed_rows in by_seed.values():
        finals = sorted((r["true_final"] for r in seed_rows), reverse=True)
        top = finals[-(-len(seed_rows) // 10) - 1]
        trained = []
        for row in seed_rows:
            genome = genomes[row["id"]]
            if genome is None:
                sys.exit(f"{curves_path}: curve {row['id']} has no genome")
            if "stop_probability" in row and len(trained) >= 10:
                weights = np.exp(-np.array([distance(genome, g) for g, _ in trained], dtype=float))
                score = float(weights @ np.array([f for _, f in trained]) / weights.sum())
                stops.append((
                    row["stop_probability"],
                    score - row["stop_threshold"],
                    row["true_final"] >= row["stop_threshold"],
                    row["true_final"] >= top,
                    row["full_epochs"] - row["epochs_trained"],
                ))
            if row["epochs_trained"] == row["full_epochs"]:
                trained.append((genome, row["true_final"]))
    p, c, reached, top10, left = (np.array(x, dtype=float) for x in zip(*stops))
    print(f"{rows_path}: {len(p)} stops, {int(reached.sum())} reached their threshold, "
          f"{int(top10.sum())} true top-10% trials among them, {int(left.sum())} epochs left in all")
    print(f"  AUC (reached vs not): configuration score {auc(c[reached > 0], c[reached == 0]):.3f}, "
          f"probability {auc(p[reached > 0], p[reached == 0]):.3f}")
    for label, score in [("probability", p), ("configuration", c), ("log P + score / 2", np.log(p + 1e-4) + c / 2)]:
        order = np.argsort(-score)
        cells = []
        for share in (0.05, 0.1, 0.2, 0.3):
            chosen = order[: int(share * len(p))]
            cells.append(f"{int(share * 100)}%: {int(top10[chosen].sum())} rescued, {int(left[chosen].sum())} epochs")
        print(f"  veto by {label:18s} " + " | ".join(cells))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: config-similarity.py CURVES.jsonl PER_CURVE_ROWS")
    main(sys.argv[1], sys.argv[2])
