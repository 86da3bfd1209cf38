#!/usr/bin/env python3
"""NumPy peer of RateBenchmarks: the same worst-case rates and tunings by grid scans.

Spectral radius of p(z) = z^2 + a1 z + a0 (or z + a0) from the closed-form roots, vectorised.
  worst cases (lambda spacing 1e-4):
    heavy ball     alpha = 1/60, beta = 1/2       on [1, 100]
    Nesterov       alpha = 1/10, beta = 9/10      on [1/2, 12]
    two-step USAM  alpha = 1/10, rho = 1/20       on [-30, 9]
  tunings on [mu, L] = [1, 100], lambda grid of 10^4 + 1 points (relative spacing 1e-4):
    gradient descent  alpha in [0, 1/25], grid spacing 1e-4 of the interval
    heavy ball        alpha in [0, 1/10], beta in [0, 1], grid spacing 1e-2 of each interval
                      (the 1e-4 grid would be 10^4 times larger: its time is extrapolated)
Prints the values found and `numpy_<task>_seconds=<median of the timed runs>`.
Usage: python3 scripts/bench/rates_peer.py [runs]   (default 3 timed runs after one warm-up)
"""
import sys
import time

import numpy as np

CHUNK = 4_000_000  # array elements per vectorised step, to bound memory


def radius2(a1, a0):
    """max |root| of z^2 + a1 z + a0, elementwise."""
    d = a1 * a1 - 4.0 * a0
    s = np.sqrt(np.abs(d))
    real = 0.5 * (np.abs(a1) + s)
    return np.where(d >= 0.0, real, np.sqrt(np.abs(a0)))


def worst_case(coeffs, lo, hi, spacing=1e-4):
    """max over a lambda grid of the radius, and where."""
    lam = np.linspace(lo, hi, int(round((hi - lo) / spacing)) + 1)
    a = coeffs(lam)
    rho = np.abs(a[0]) if len(a) == 1 else radius2(a[1], a[0])
    i = int(np.argmax(rho))
    return rho[i], lam[i]


def hb(alpha, beta):
    return lambda lam: (np.full_like(lam, beta), -(1.0 + beta - alpha * lam))


def nesterov(alpha, beta):
    return lambda lam: (beta * (1.0 - alpha * lam), -(1.0 + beta) * (1.0 - alpha * lam))


def two_step_usam(alpha, rho):
    return lambda lam: (alpha * lam * (1.0 + rho * lam) ** 2 - 1.0,)


def worst_cases():
    return [
        worst_case(hb(1 / 60, 1 / 2), 1.0, 100.0),
        worst_case(nesterov(1 / 10, 9 / 10), 0.5, 12.0),
        worst_case(two_step_usam(1 / 10, 1 / 20), -30.0, 9.0),
    ]


LAM = np.linspace(1.0, 100.0, 10_001)


def tune_gd():
    alphas = np.linspace(0.0, 1 / 25, 10_001)
    best = (np.inf, None)
    step = max(1, CHUNK // LAM.size)
    for k in range(0, alphas.size, step):
        a = alphas[k:k + step, None]
        f = np.abs(1.0 - a * LAM[None, :]).max(axis=1)
        i = int(np.argmin(f))
        if f[i] < best[0]:
            best = (f[i], float(alphas[k + i]))
    return best


def tune_hb(points=101):
    alphas = np.linspace(0.0, 1 / 10, points)
    betas = np.linspace(0.0, 1.0, points)
    A, B = np.meshgrid(alphas, betas, indexing="ij")
    A, B = A.ravel(), B.ravel()
    best = (np.inf, None)
    step = max(1, CHUNK // LAM.size)
    for k in range(0, A.size, step):
        a, b = A[k:k + step, None], B[k:k + step, None]
        f = radius2(-(1.0 + b - a * LAM[None, :]), np.broadcast_to(b, (b.shape[0], LAM.size))).max(axis=1)
        i = int(np.argmin(f))
        if f[i] < best[0]:
            best = (f[i], (float(A[k + i]), float(B[k + i])))
    return best


def timed(task, runs):
    task()
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = task()
        times.append(time.perf_counter() - t)
    return float(np.median(times)), result


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    t, w = timed(worst_cases, runs)
    for name, (rho, lam) in zip(["heavy-ball", "nesterov", "two-step-usam"], w):
        print(f"worst case {name}: {rho:.10f} at lambda = {lam:.4f}")
    print(f"numpy_worstcase_seconds={t}")
    t, (rate, alpha) = timed(tune_gd, runs)
    print(f"tune gd: alpha = {alpha:.8f}, rate {rate:.10f}")
    print(f"numpy_tune_gd_seconds={t}")
    t, (rate, (alpha, beta)) = timed(tune_hb, runs)
    print(f"tune heavy ball (1e-2 grid): alpha = {alpha:.6f}, beta = {beta:.6f}, rate {rate:.10f}")
    print(f"numpy_tune_hb_seconds={t}")
    print(f"numpy_tune_hb_1e4_grid_seconds_extrapolated={t * 1e4}")


if __name__ == "__main__":
    main()
