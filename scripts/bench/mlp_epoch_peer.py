"""PyTorch peer of EpochBenchmark: the same MLP, batch, data size, thread count and updates.

Prints one line per rule: "<rule> <median seconds per epoch>". Run by scripts/bench/mlp-epoch.fsx.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def model():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))


def grads(m, loss):
    return torch.autograd.grad(loss, list(m.parameters()))


def step_sgd(m, xb, yb, lr):
    g = grads(m, F.cross_entropy(m(xb), yb))
    with torch.no_grad():
        for p, gi in zip(m.parameters(), g):
            p.add_(gi, alpha=-lr)


def step_usam(m, xb, yb, lr, rho):
    ps = list(m.parameters())
    g = grads(m, F.cross_entropy(m(xb), yb))
    with torch.no_grad():
        saved = [p.detach().clone() for p in ps]
        for p, gi in zip(ps, g):
            p.add_(gi, alpha=rho)
    u = grads(m, F.cross_entropy(m(xb), yb))
    with torch.no_grad():
        for p, s, ui in zip(ps, saved, u):
            p.copy_(s).add_(ui, alpha=-lr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--epochs", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    x = torch.randn(a.samples, 1, 28, 28)
    y = torch.randint(0, 10, (a.samples,))
    for rule in ("sgd", "usam"):
        m = model()
        times = []
        for e in range(a.epochs + 1):
            t = time.perf_counter()
            perm = torch.randperm(a.samples)
            for s in range(0, a.samples, 128):
                idx = perm[s:s + 128]
                xb, yb = x.index_select(0, idx), y.index_select(0, idx)
                if rule == "sgd":
                    step_sgd(m, xb, yb, 0.01)
                else:
                    step_usam(m, xb, yb, 0.01, 0.05)
            if e > 0:
                times.append(time.perf_counter() - t)
        times.sort()
        print(rule, times[len(times) // 2], flush=True)


if __name__ == "__main__":
    main()
