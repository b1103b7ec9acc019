"""PyTorch CPU reference for bench/train: the same three models, batch 64, Adam (lr 1e-3), random data.

    python3 bench/train/torch_bench.py --threads 2 --seconds 5

Prints one JSON line per model: samples/s of forward + backward + optimizer step (per wall-clock second
and per second of CPU time over all threads), and peak RSS.
Benchmark-only: PyTorch is not a dependency of Penguin (install: pip install torch==2.13.0+cpu).
"""
import argparse
import json
import resource
import time

import torch
from torch import nn

MODELS = {
    "mlp": (1, 28),
    "cnn28": (1, 28),
    "cnn32": (3, 32),
}


def build(name):
    channels, size = MODELS[name]
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(size * size * channels, 128), nn.ReLU(), nn.Linear(128, 10))
    # same as models.ts: conv3x3(16) 'same' ReLU, maxpool 2, conv3x3(32) 'same' ReLU, maxpool 2, dense 10
    return nn.Sequential(
        nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * (size // 4) * (size // 4), 10),
    )


def measure(name, seconds, batch=64):
    channels, size = MODELS[name]
    model = build(name)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    steps_pool = 16
    xs = torch.randn(steps_pool, batch, channels, size, size)
    ys = torch.randint(0, 10, (steps_pool, batch))

    def step(i):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs[i % steps_pool]), ys[i % steps_pool])
        loss.backward()
        optimizer.step()

    for i in range(3):
        step(i)
    steps = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        step(steps)
        steps += 1
    elapsed = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    return {
        "engine": f"pytorch-{torch.get_num_threads()}t",
        "model": name,
        "samplesPerSecond": steps * batch / elapsed,
        "samplesPerCpuSecond": steps * batch / cpu_seconds,
        "steps": steps,
        "seconds": elapsed,
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--models", default="mlp,cnn28,cnn32")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    for name in args.models.split(","):
        print(json.dumps(measure(name, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
