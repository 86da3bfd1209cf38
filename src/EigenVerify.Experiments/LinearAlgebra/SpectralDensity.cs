using static TorchSharp.torch;

namespace EigenVerify.Experiments.LinearAlgebra;

/// <summary>
/// Spectral density by stochastic Lanczos quadrature (SLQ). For a probe v with ‖v‖ = 1, m Lanczos
/// steps give T_m = S Θ Sᵀ; the nodes θ_j with weights τ_j² = S_{0j}² form the m-point Gauss
/// quadrature of the measure Σᵢ (uᵢᵀv)² δ(t − λᵢ), exact for polynomials of degree ≤ 2m − 1:
/// vᵀ A^p v = Σ_j τ_j² θ_j^p. Averaging over Rademacher probes estimates the eigenvalue
/// distribution (1/n) Σᵢ δ(t − λᵢ), whose mass is 1.
/// </summary>
public sealed class SpectralDensity
{
    SpectralDensity(long dimension, IReadOnlyList<double[]> nodes, IReadOnlyList<double[]> weights)
    {
        Dimension = dimension;
        Nodes = nodes;
        Weights = weights;
    }

    public long Dimension { get; }

    /// <summary>Quadrature nodes, one array per probe.</summary>
    public IReadOnlyList<double[]> Nodes { get; }

    /// <summary>Quadrature weights (summing to 1 per probe), one array per probe.</summary>
    public IReadOnlyList<double[]> Weights { get; }

    public int Probes => Nodes.Count;

    public double MinNode => Nodes.SelectMany(x => x).Min();

    public double MaxNode => Nodes.SelectMany(x => x).Max();

    /// <summary>Runs SLQ with <paramref name="probes"/> Rademacher probes of <paramref name="steps"/> steps each.</summary>
    public static SpectralDensity Estimate(ISymmetricOperator op, int probes, int steps, int seed = 0)
    {
        if (probes < 1) throw new ArgumentException($"need at least one probe, got {probes}");
        var generator = new Generator((ulong)seed);
        var nodes = new List<double[]>();
        var weights = new List<double[]>();
        for (var p = 0; p < probes; p++)
        {
            using var scope = NewDisposeScope();
            var v = ProbeVectors.Rademacher(op.Dimension, generator, op.Device);
            var run = Lanczos.Steps(op, v, steps, seed + 7919 * (p + 1));
            var m = run.Iterations;
            nodes.Add(run.Eigen.Values.ToArray());
            weights.Add(Enumerable.Range(0, m).Select(j => run.Eigen.Vectors[0, j] * run.Eigen.Vectors[0, j]).ToArray());
        }
        return new SpectralDensity(op.Dimension, nodes, weights);
    }

    /// <summary>Estimate of (1/n) Σᵢ f(λᵢ) = tr f(A) / n.</summary>
    public double Average(Func<double, double> f) =>
        Enumerable.Range(0, Probes).Average(p => Nodes[p].Zip(Weights[p], (t, w) => w * f(t)).Sum());

    /// <summary>
    /// The Gaussian-broadened density φ(t) = (1/probes) Σ_p Σ_j τ_{pj}² g_σ(t − θ_{pj}), with
    /// g_σ the normal density of standard deviation σ; ∫φ = 1. Multiply by n for eigenvalues per
    /// unit of t. Broadening turns the discrete quadrature into a smooth curve; σ sets the
    /// resolution (features narrower than σ are smeared).
    /// </summary>
    public double[] Evaluate(IReadOnlyList<double> grid, double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentException($"broadening σ must be positive, got {sigma}");
        var norm = 1.0 / (sigma * Math.Sqrt(2 * Math.PI) * Probes);
        var result = new double[grid.Count];
        for (var g = 0; g < grid.Count; g++)
        {
            double sum = 0;
            for (var p = 0; p < Probes; p++)
                for (var j = 0; j < Nodes[p].Length; j++)
                {
                    var d = (grid[g] - Nodes[p][j]) / sigma;
                    sum += Weights[p][j] * Math.Exp(-0.5 * d * d);
                }
            result[g] = sum * norm;
        }
        return result;
    }

    /// <summary>Our default broadening: 1 % of the span of the nodes, so features at the
    /// percent level of λ_max stay visible (a zero span falls back to 1e-3).</summary>
    public double DefaultSigma()
    {
        var span = MaxNode - MinNode;
        return span > 0 ? span / 100.0 : 1e-3;
    }

    /// <summary>An evenly spaced grid covering the nodes with 5σ margins.</summary>
    public double[] Grid(int points, double sigma)
    {
        var lo = MinNode - 5 * sigma;
        var hi = MaxNode + 5 * sigma;
        return Enumerable.Range(0, points).Select(i => lo + (hi - lo) * i / (points - 1)).ToArray();
    }
}
