#!/usr/bin/env python3
"""Choose a heavy-ball learning rate from the exact region `eigenverify` derives.

A PyTorch workflow measures the Hessian of a least-squares loss, asks
`eigenverify region --format json` for the heavy-ball region at each candidate
learning rate, keeps the largest rate whose region contains every Hessian
eigenvalue, and trains with it and with the next larger rate: the first run
converges, the second cannot (its limit would need an eigenvalue outside the
region).

The command is `eigenverify` on PATH, or EIGENVERIFY_CLI: an executable, or a
.dll run with `dotnet`. Without PyTorch the same steps run on NumPy.
Usage: choose_learning_rate.py [--json]
"""
import json
import os
import shutil
import subprocess
import sys
from fractions import Fraction

import numpy as np

try:
    import torch
except ImportError:  # the NumPy path below does the same arithmetic
    torch = None

BETA = Fraction(9, 10)
CANDIDATES = [Fraction(1, 2), Fraction(1, 5), Fraction(1, 10), Fraction(1, 20), Fraction(1, 50)]
STEPS = 400


def cli_command():
    cli = os.environ.get("EIGENVERIFY_CLI")
    if cli:
        return ["dotnet", cli] if cli.endswith(".dll") else [cli]
    found = shutil.which("eigenverify")
    if not found:
        sys.exit("error: eigenverify is not on PATH and EIGENVERIFY_CLI is not set")
    return [found]


def region(alpha):
    """The exact heavy-ball region at (alpha, BETA), as the tool prints it in JSON."""
    params = f"alpha={alpha},beta={BETA}"
    run = subprocess.run(
        cli_command() + ["region", "--optimizer", "heavy-ball", "--params", params, "--format", "json"],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"error: eigenverify region failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)


def contains(reg, eigenvalues):
    """Whether every eigenvalue lies in one of the region's closed intervals (approximate ends)."""
    def inside(lam, iv):
        lo, hi = iv["lower"], iv["upper"]
        return (lo is None or lam >= lo["approx"]) and (hi is None or lam <= hi["approx"])
    return all(any(inside(lam, iv) for iv in reg["intervals"]) for lam in eigenvalues)


def problem():
    """A least-squares problem L(w) = |Xw - y|^2 / (2n) with fixed data."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 5)) * np.array([3.0, 2.0, 1.0, 0.5, 0.25])
    y = x @ rng.normal(size=5) + 0.1 * rng.normal(size=200)
    return x, y


def hessian_eigenvalues(x, y):
    if torch is not None:
        xt, yt = torch.tensor(x), torch.tensor(y)
        loss = lambda w: ((xt @ w - yt) ** 2).sum() / (2 * len(yt))
        h = torch.autograd.functional.hessian(loss, torch.zeros(x.shape[1], dtype=torch.float64))
        return torch.linalg.eigvalsh(h).tolist()
    return np.linalg.eigvalsh(x.T @ x / len(y)).tolist()


def train(x, y, alpha):
    """Heavy ball from zero; returns the final loss, or None once it is no longer finite."""
    a, b = float(alpha), float(BETA)
    if torch is not None:
        xt, yt = torch.tensor(x), torch.tensor(y)
        w = torch.zeros(x.shape[1], dtype=torch.float64, requires_grad=True)
        opt = torch.optim.SGD([w], lr=a, momentum=b)
        # torch's momentum buffer b*v + g with step lr*v is heavy ball with step a and momentum b.
        for _ in range(STEPS):
            opt.zero_grad()
            loss = ((xt @ w - yt) ** 2).sum() / (2 * len(yt))
            loss.backward()
            opt.step()
        final = float(((xt @ w - yt) ** 2).sum() / (2 * len(yt)))
    else:
        w, prev = np.zeros(x.shape[1]), np.zeros(x.shape[1])
        for _ in range(STEPS):
            grad = x.T @ (x @ w - y) / len(y)
            w, prev = w - a * grad + b * (w - prev), w
        final = float(((x @ w - y) ** 2).sum() / (2 * len(y)))
    return final if np.isfinite(final) else None


def loss_text(loss):
    return "not finite (diverged)" if loss is None else f"{loss:.4g}"


def main():
    x, y = problem()
    eigenvalues = hessian_eigenvalues(x, y)
    regions = {alpha: region(alpha) for alpha in CANDIDATES}
    chosen = next((a for a in CANDIDATES if contains(regions[a], eigenvalues)), None)
    if chosen is None:
        sys.exit("error: no candidate learning rate keeps every eigenvalue in its region")
    rejected = [a for a in CANDIDATES if a > chosen]
    larger = min(rejected) if rejected else None
    summary = {
        "backend": "torch" if torch is not None else "numpy",
        "beta": str(BETA),
        "lambdaMax": max(eigenvalues),
        "chosen": {"alpha": str(chosen), "upper": regions[chosen]["intervals"][-1]["upper"]["exact"],
                   "finalLoss": train(x, y, chosen)},
        "rejected": None if larger is None else {
            "alpha": str(larger), "upper": regions[larger]["intervals"][-1]["upper"]["exact"],
            "finalLoss": train(x, y, larger)},
    }
    if "--json" in sys.argv[1:]:
        print(json.dumps(summary))
        return
    print(f"backend {summary['backend']}; Hessian eigenvalues {', '.join(f'{v:.4g}' for v in eigenvalues)}")
    c = summary["chosen"]
    print(f"alpha = {c['alpha']}: region upper end {c['upper']} holds lambda_max = {summary['lambdaMax']:.4g};"
          f" final loss {loss_text(c['finalLoss'])}")
    r = summary["rejected"]
    if r:
        print(f"alpha = {r['alpha']}: region upper end {r['upper']} < lambda_max; final loss {loss_text(r['finalLoss'])}")


if __name__ == "__main__":
    main()
