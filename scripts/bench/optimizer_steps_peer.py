#!/usr/bin/env python3
"""NumPy peer of OptimizerStepBenchmarks: the same optimizer loops on the same 10-variable quartic

    f(x) = sum_i (x_i^4/4 - x_i^2/2) + (1/10) sum_{i<10} x_i x_{i+1},

with alpha = 1/20, beta = 9/10, rho = 1/20, from x = (1/2, ..., 1/2). Prints one line per optimizer,
`numpy_steps_per_second_<name>=<float>` (best of `repeats` timings), for the .NET benchmark to read.
Usage: optimizer_steps_peer.py [steps] [repeats]
"""
import sys
import time

import numpy as np

ALPHA, BETA, RHO = 1 / 20, 9 / 10, 1 / 20
N = 10


def grad(x):
    g = x * x * x - x
    g[:-1] += 0.1 * x[1:]
    g[1:] += 0.1 * x[:-1]
    return g


def gd(steps):
    x = np.full(N, 0.5)
    for _ in range(steps):
        x = x - ALPHA * grad(x)
    return x


def heavy_ball(steps):
    x = np.full(N, 0.5)
    x_prev = x.copy()
    for _ in range(steps):
        x, x_prev = x - ALPHA * grad(x) + BETA * (x - x_prev), x
    return x


def usam(steps):
    x = np.full(N, 0.5)
    for _ in range(steps):
        x = x - ALPHA * grad(x + RHO * grad(x))
    return x


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for name, loop in (("gd", gd), ("heavy-ball", heavy_ball), ("usam", usam)):
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            loop(steps)
            best = min(best, time.perf_counter() - start)
        print(f"numpy_steps_per_second_{name}={steps / best:.1f}", flush=True)


if __name__ == "__main__":
    main()
