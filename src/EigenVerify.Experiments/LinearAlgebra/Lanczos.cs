using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>
/// Lanczos iteration with full reorthogonalization: every new vector is orthogonalized twice
/// against all previous ones ("twice is enough"), so the basis stays orthonormal to rounding and
/// no spurious copies of converged eigenvalues appear. If the Krylov space becomes invariant
/// (β ≈ 0) before the cap, the run continues from a fresh random vector orthogonal to the basis,
/// so repeated eigenvalues are found too (T then splits into blocks).
/// </summary>
public static class Lanczos
{
    /// <summary>
    /// Runs until the <paramref name="top"/> largest and <paramref name="bottom"/> smallest Ritz
    /// pairs have converged (see <see cref="LanczosOptions.Tolerance"/>) or the cap is reached.
    /// </summary>
    public static LanczosResult Extremes(ISymmetricOperator op, int top, LanczosOptions options, int bottom = 0, bool topVectors = false)
    {
        if (top < 0 || bottom < 0 || top + bottom == 0) throw new ArgumentException("ask for at least one eigenvalue");
        var generator = new Generator((ulong)options.Seed);
        using var start = ProbeVectors.Gaussian(op.Dimension, generator, op.Device);
        bool Done(SymmetricEigenDecomposition eigen, double lastBeta)
        {
            var m = eigen.Values.Length;
            if (m < top + bottom && m < op.Dimension) return false;
            var scale = Math.Max(Math.Abs(eigen.Values[0]), Math.Abs(eigen.Values[m - 1]));
            var tolerance = options.Tolerance * Math.Max(scale, double.Epsilon);
            bool Ok(int i) => Math.Abs(lastBeta * eigen.Vectors[m - 1, i]) <= tolerance;
            for (var i = 0; i < Math.Min(top, m); i++) if (!Ok(m - 1 - i)) return false;
            for (var i = 0; i < Math.Min(bottom, m); i++) if (!Ok(i)) return false;
            return true;
        }
        return Run(op, start, options.MaxIterations, Done, generator, topVectors ? top : 0);
    }

    /// <summary>Exactly <paramref name="steps"/> steps from the given start vector (capped by the
    /// dimension) — the form stochastic Lanczos quadrature needs.</summary>
    public static LanczosResult Steps(ISymmetricOperator op, Tensor start, int steps, int seed = 0)
    {
        var generator = new Generator((ulong)seed);
        return Run(op, start, steps, (_, _) => false, generator, 0);
    }

    static LanczosResult Run(
        ISymmetricOperator op, Tensor start, int maxIterations,
        Func<SymmetricEigenDecomposition, double, bool> done, Generator generator, int vectorsWanted)
    {
        if (maxIterations <= 0) throw new ArgumentException($"need at least one Lanczos step, got {maxIterations}");
        var n = op.Dimension;
        var cap = (int)Math.Min(maxIterations, n);
        using var outer = NewDisposeScope();
        var basis = zeros([cap, n], dtype: ScalarType.Float64, device: op.Device);
        var startNorm = start.norm().item<double>();
        if (!(startNorm > 0)) throw new ArgumentException("the start vector is zero");
        basis[0].copy_(start.to(ScalarType.Float64) / startNorm);

        var alpha = new List<double>();
        var beta = new List<double>();
        double lastBeta = 0;
        var converged = false;
        SymmetricEigenDecomposition? eigen = null;
        for (var j = 0; j < cap; j++)
        {
            using var scope = NewDisposeScope();
            var q = basis[j];
            var w = op.Apply(q);
            var a = w.dot(q).item<double>();
            alpha.Add(a);
            var built = basis.narrow(0, 0, j + 1);
            // Full reorthogonalization, twice: removes the α q_j and β q_{j−1} components as
            // well as every rounding-level component along older vectors.
            for (var pass = 0; pass < 2; pass++) w.sub_(built.t().matmul(built.matmul(w)));
            var b = w.norm().item<double>();
            var scale = alpha.Select(Math.Abs).Concat(beta).DefaultIfEmpty(0.0).Max();
            // Breakdown: the Krylov space is invariant to rounding. Continue from a random
            // direction orthogonal to it (unless the whole space is built).
            var breakdown = b <= 1e-12 * Math.Max(scale, double.Epsilon);
            if (breakdown) b = 0.0;
            lastBeta = b;
            eigen = TridiagonalEigen.Decompose(alpha, beta);
            if (j + 1 == cap || done(eigen, b))
            {
                converged = j + 1 == n || done(eigen, b);
                break;
            }
            beta.Add(b);
            if (breakdown)
            {
                w = ProbeVectors.Gaussian(n, generator, op.Device);
                for (var pass = 0; pass < 2; pass++) w.sub_(built.t().matmul(built.matmul(w)));
                basis[j + 1].copy_(w / w.norm());
            }
            else
            {
                basis[j + 1].copy_(w / b);
            }
        }

        var m = alpha.Count;
        Tensor? vectors = null;
        if (vectorsWanted > 0 && eigen is not null)
        {
            var k = Math.Min(vectorsWanted, m);
            var s = new double[m * k];
            for (var c = 0; c < k; c++)
                for (var r = 0; r < m; r++)
                    s[r * k + c] = eigen.Vectors[r, m - 1 - c];
            var coefficients = tensor(s, [m, k], dtype: ScalarType.Float64).to(op.Device);
            vectors = coefficients.t().matmul(basis.narrow(0, 0, m)).MoveToOuterDisposeScope();
        }
        return new LanczosResult(alpha.ToArray(), beta.ToArray(), lastBeta, eigen!, converged, vectors);
    }
}
