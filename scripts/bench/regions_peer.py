#!/usr/bin/env python3
"""SymPy peer for the region benchmark: the six numeric regions of the paper's optimizers
(GD, heavy ball, Nesterov, USAM, USAM + heavy ball, Two-step USAM) at alpha=1/10, beta=9/10,
rho=1/20, computed the same way EigenVerify does it: the critical polynomial
D(lambda) = Res_z(p, p*), its real roots, one rational sample per open cell, and a test of every
critical value. Rational samples are decided exactly (Schur-Cohn); critical values by
50-digit root finding on the exact algebraic parameter (a peer, not a proof).

Prints one line per region, then `sympy_seconds=<median of the timed runs>`.
Usage: python3 scripts/bench/regions_peer.py [runs]   (default 5 timed runs after one warm-up)
"""
import sys
import time

from sympy import Poly, Rational, resultant, symbols, real_roots, floor, nroots, Abs, N

z, lam = symbols("z lam")
alpha, beta, rho = Rational(1, 10), Rational(9, 10), Rational(1, 20)
s = lam * (1 + rho * lam)

CHARPOLYS = {
    "gd": z - 1 + alpha * lam,
    "heavy-ball": z**2 - (1 + beta - alpha * lam) * z + beta,
    "nesterov": z**2 - (1 + beta) * (1 - alpha * lam) * z + beta * (1 - alpha * lam),
    "usam": z - 1 + alpha * s,
    "usam-hb": z**2 - (1 + beta - alpha * s) * z + beta,
    "two-step-usam": z - 1 + alpha * lam * (1 + rho * lam) ** 2,
}


def schur_stable(coeffs):
    """All roots strictly inside the unit circle; coeffs highest degree first, exact rationals."""
    c = list(coeffs)
    while len(c) > 1:
        an, a0 = c[0], c[-1]
        d = an * an - a0 * a0
        if d <= 0:
            return False
        n = len(c) - 1
        rev = c[::-1]
        c = [an * c[i] - a0 * rev[i] for i in range(n)]
    return True


def closed_disk_at_rational(p, x):
    q = Poly(p.subs(lam, x), z)
    qs = Poly(list(reversed(q.all_coeffs())), z)
    g = q.gcd(qs)
    h = q.quo(g)
    if not schur_stable(h.all_coeffs()):
        return False
    if g.degree() <= 0:
        return True
    return all(Abs(N(r, 50)) <= 1 + Rational(1, 10**30) for r in nroots(g, n=50))


def closed_disk_at_root(p, c):
    q = Poly(p.subs(lam, c), z)
    return all(Abs(r) <= 1 + Rational(1, 10**30) for r in nroots(q, n=50, maxsteps=200))


def region(p):
    pz = Poly(p, z)
    k = pz.degree()
    coeffs = pz.all_coeffs()
    pstar = sum(cf * z**i for i, cf in enumerate(coeffs))
    d = Poly(resultant(p, pstar, z), lam)
    roots = sorted(set(real_roots(d)), key=lambda r: N(r, 30))
    bound = 2 + max(Abs(cf / d.LC()) for cf in d.all_coeffs())
    samples = []
    for i in range(len(roots) + 1):
        if not roots:
            samples.append(Rational(0))
        elif i == 0:
            samples.append(-bound)
        elif i == len(roots):
            samples.append(bound)
        else:
            lo, hi = N(roots[i - 1], 30), N(roots[i], 30)
            samples.append(Rational(floor((lo + hi) / 2 * 10**12), 10**12))
    cells = [closed_disk_at_rational(p, x) for x in samples]
    points = [closed_disk_at_rational(p, r) if r.is_Rational else closed_disk_at_root(p, r) for r in roots]
    pieces, is_open, start = [], False, None
    for i, inside in enumerate(cells):
        if inside and not is_open:
            is_open, start = True, (roots[i - 1] if i > 0 else None)
        if i < len(roots):
            if is_open:
                if not (points[i] and cells[i + 1]):
                    pieces.append((start, roots[i]))
                    is_open = False
            elif points[i] and not cells[i + 1]:
                pieces.append((roots[i], roots[i]))
    if is_open:
        pieces.append((start, None))
    return pieces


def run_all():
    return {name: region(p) for name, p in CHARPOLYS.items()}


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    result = run_all()  # warm-up (SymPy caches), and the regions to print
    for name, pieces in result.items():
        text = " U ".join(
            "{%s}" % lo if lo == hi else "[%s, %s]" % (lo if lo is not None else "-inf", hi if hi is not None else "+inf")
            for lo, hi in pieces
        )
        print(f"{name}: {text}")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run_all()
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"sympy_seconds={times[len(times) // 2]:.6f}")


if __name__ == "__main__":
    main()
