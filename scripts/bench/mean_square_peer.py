#!/usr/bin/env python3
"""NumPy peer of MeanSquareBenchmarks: Monte Carlo estimates of the largest per-sample spread s for
which a minibatch iteration stays mean-square stable, for the cases the .NET benchmark solves
exactly:

    gd          alpha = 1/10,              lambda = 15
    heavy-ball  alpha = 1/10, beta = 1/2,  lambda = 10

with n = 1000 per-sample curvatures lambda + s*z_i (z standardised: mean 0, population variance 1,
fixed seed) and batches of B = 32 drawn without replacement. A pool of 20000 batch means of z is
drawn once per estimate (included in its time). Two estimators, each bisecting on s with the same
random numbers for every candidate:

  paths     simulate the iteration u+ = M(a_B) u on `paths` paths for `steps` steps, each step
            drawing a batch from the pool; s counts as stable when the empirical mean of |u|^2
            does not grow over the second half.
  operator  average M(a) (x) M(a) over the pool and take the spectral radius of that estimate of
            E[M (x) M]; s counts as stable when it is at most 1.

Prints `numpy_<estimator>_seconds_<case>` (best of `repeats`) and `numpy_<estimator>_spread_<case>`
for the .NET benchmark to read.
Usage: mean_square_peer.py [paths] [steps] [repeats]
"""
import sys
import time

import numpy as np

N_SAMPLES, BATCH, POOL, CHUNK = 1000, 32, 20000, 2000
CASES = {
    "gd": (15.0, lambda a: np.array([[1 - 0.1 * a]])),
    "heavy-ball": (10.0, lambda a: np.array([[1.5 - 0.1 * a, -0.5], [1.0, 0.0]])),
}


def batch_means(rng):
    z = rng.standard_normal(N_SAMPLES)
    z = (z - z.mean()) / z.std()
    means = np.empty(POOL)
    for start in range(0, POOL, CHUNK):
        # the B smallest of n uniform keys per row: a uniform B-subset without replacement
        keys = rng.random((CHUNK, N_SAMPLES))
        chosen = np.argpartition(keys, BATCH, axis=1)[:, :BATCH]
        means[start:start + CHUNK] = z[chosen].mean(axis=1)
    return means


def paths_grow(lam, matrix, draws):
    m0 = matrix(0.0)
    m1 = matrix(1.0) - m0

    def grows(s):
        u = np.zeros((m0.shape[0], draws.shape[0]))
        u[0] = 1.0
        steps = draws.shape[1]
        half = None
        for t in range(steps):
            u = m0 @ u + (m1 @ u) * (lam + s * draws[:, t])
            if t == steps // 2 - 1:
                half = np.mean(np.sum(u * u, axis=0))
        return np.mean(np.sum(u * u, axis=0)) > half
    return grows


def operator_grows(lam, matrix, pool):
    m0 = matrix(0.0)
    m1 = matrix(1.0) - m0

    def grows(s):
        # M is affine in the curvature: M(a) = M(0) + a (M(1) - M(0)) for every batch at once
        ms = m0[None] + (lam + s * pool)[:, None, None] * m1[None]
        k = ms.shape[1]
        estimate = np.einsum("nij,nkl->ikjl", ms, ms).reshape(k * k, k * k) / len(pool)
        return np.max(np.abs(np.linalg.eigvals(estimate))) > 1.0
    return grows


def bisect(grows):
    lo, hi = 0.0, 1.0
    while not grows(hi):
        lo, hi = hi, 2 * hi
    for _ in range(30):
        mid = (lo + hi) / 2
        if grows(mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def main():
    paths = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    estimators = {
        "paths": lambda lam, matrix, rng: paths_grow(lam, matrix, batch_means(rng)[rng.integers(0, POOL, size=(paths, steps))]),
        "operator": lambda lam, matrix, rng: operator_grows(lam, matrix, batch_means(rng)),
    }
    for name, (lam, matrix) in CASES.items():
        for estimator, build in estimators.items():
            best, estimate = float("inf"), None
            for r in range(repeats):
                rng = np.random.default_rng(20240 + r)
                start = time.perf_counter()
                estimate = bisect(build(lam, matrix, rng))
                best = min(best, time.perf_counter() - start)
            print(f"numpy_{estimator}_seconds_{name}={best:.4f}", flush=True)
            print(f"numpy_{estimator}_spread_{name}={estimate:.6f}", flush=True)


if __name__ == "__main__":
    main()
